package telegram

import (
	"context"

	"salonchat/connectors"
	"salonchat/inbox"
)

// Network describes Telegram to the rest of SalonChat: how to build a bot's connector
// with opts, its limits, the settings check and the settings form's fields.
func Network(opts Options) connectors.Network {
	return connectors.Network{
		Network: inbox.Telegram,
		New:     func(acc inbox.Account) (inbox.Connector, error) { return New(acc, opts) },
		Limits:  LimitsFor,
		Check:   func(ctx context.Context, acc inbox.Account) error { return Check(ctx, acc, opts) },
		Fields: []connectors.Field{
			{Key: SettingToken, Label: "telegram.field.token", Hint: "telegram.field.token_hint", Secret: true, Required: true},
			{Key: SettingAPIURL, Label: "telegram.field.api_url", Hint: "telegram.field.api_url_hint"},
			{Key: SettingProxy, Label: "telegram.field.proxy", Hint: "telegram.field.proxy_hint"},
		},
	}
}
