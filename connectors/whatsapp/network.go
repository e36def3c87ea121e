package whatsapp

import (
	"context"

	"salonchat/connectors"
	"salonchat/inbox"
)

// Network describes WhatsApp to the rest of SalonChat: how to build a number's
// connector with opts, its limits, the settings check and the settings form's fields.
// A number is linked by QR code (Link), not typed into a field: the form has only the
// optional pace.
func Network(opts Options) connectors.Network {
	return connectors.Network{
		Network: inbox.WhatsApp,
		New:     func(acc inbox.Account) (inbox.Connector, error) { return New(acc, opts) },
		Limits:  LimitsFor,
		Check:   func(ctx context.Context, acc inbox.Account) error { return Check(ctx, acc, opts) },
		Fields: []connectors.Field{
			{Key: SettingPace, Label: "whatsapp.field.pace", Hint: "whatsapp.field.pace_hint"},
		},
	}
}
