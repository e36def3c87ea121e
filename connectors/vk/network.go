package vk

import (
	"context"

	"salonchat/connectors"
	"salonchat/inbox"
)

// Network describes VK to the rest of SalonChat: how to build a community's connector
// with opts, its limits, the settings check and the settings form's fields. The group
// setting's key is "group", so the command line's flag is --group.
func Network(opts Options) connectors.Network {
	return connectors.Network{
		Network: inbox.VK,
		New:     func(acc inbox.Account) (inbox.Connector, error) { return New(acc, opts) },
		Limits:  LimitsFor,
		Check:   func(ctx context.Context, acc inbox.Account) error { return Check(ctx, acc, opts) },
		Fields: []connectors.Field{
			{Key: SettingToken, Label: "vk.field.token", Hint: "vk.field.token_hint", Secret: true, Required: true},
			{Key: SettingGroup, Label: "vk.field.group", Hint: "vk.field.group_hint", Required: true},
			{Key: SettingAPIURL, Label: "vk.field.api_url", Hint: "vk.field.api_url_hint"},
			{Key: SettingProxy, Label: "vk.field.proxy", Hint: "vk.field.proxy_hint"},
		},
	}
}
