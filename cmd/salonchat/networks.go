package main

import (
	"log/slog"

	"salonchat/connectors"
	"salonchat/connectors/telegram"
	"salonchat/connectors/vk"
	"salonchat/connectors/whatsapp"
	"salonchat/inbox"
	"salonchat/storage"
)

// networks is every messenger this build can connect, set up for the data folder.
func networks(c Config, log *slog.Logger) connectors.Registry {
	return connectors.NewRegistry(
		telegram.Network(telegram.Options{DataDir: c.DataDir, Log: log}),
		vk.Network(vk.Options{DataDir: c.DataDir, Log: log}),
		whatsapp.Network(whatsapp.Options{DataDir: c.DataDir, Log: log, FetchVersion: true}),
	)
}

// service opens the Service over a store with the networks' limits, so that a message a
// network would refuse is refused before it is queued.
func service(store *storage.Store, nets connectors.Registry, log *slog.Logger) *inbox.Service {
	return inbox.NewService(store, inbox.WithLogger(log), inbox.WithLimits(nets.Limits))
}
