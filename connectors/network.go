package connectors

import (
	"context"

	"salonchat/inbox"
)

// Network is what SalonChat knows about one messenger: how to build an account's
// connector, its limits, how to check settings before saving them, and which settings
// the "Внешние системы" form asks for. Each network package offers one (for example
// telegram.Network).
type Network struct {
	Network inbox.Network
	// New builds an account's connector; it checks the settings but makes no network call.
	New Factory
	// Limits are the account's limits (they may depend on its settings).
	Limits func(inbox.Account) inbox.Limits
	// Check tries the settings against the network ("Проверить подключение") and returns
	// an *inbox.Error saying what is wrong. It blocks until the network answered.
	Check func(ctx context.Context, acc inbox.Account) error
	// Fields are the settings an administrator fills in, in form order.
	Fields []Field
}

// Field is one setting of an account.
type Field struct {
	Key string // the inbox.Account.Settings key
	// Label and Hint are translation keys; Hint says where to find the value.
	Label, Hint string
	Secret      bool // a token: shown masked, never logged
	Required    bool
}

// Registry is the networks SalonChat can connect, by network.
type Registry map[inbox.Network]Network

// NewRegistry indexes networks by their network.
func NewRegistry(nets ...Network) Registry {
	r := Registry{}
	for _, n := range nets {
		r[n.Network] = n
	}
	return r
}

// Limits returns an account's limits, or none for a network SalonChat cannot connect.
func (r Registry) Limits(acc inbox.Account) inbox.Limits {
	if n, ok := r[acc.Network]; ok && n.Limits != nil {
		return n.Limits(acc)
	}
	return inbox.Limits{}
}
