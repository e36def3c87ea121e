package whatsapp

import (
	"context"
	"fmt"

	"salonchat/inbox"
)

var _ inbox.NumberChecker = (*Connector)(nil)

// IsOnNetwork asks WhatsApp whether a phone number has an account, before an operator
// starts a conversation with it. Only for a number a person typed, one at a time: asking
// in bulk is what gets numbers banned (LIBRARIES.md). It blocks until WhatsApp answered,
// and fails when the number is not connected.
func (c *Connector) IsOnNetwork(ctx context.Context, phone string) (bool, error) {
	n, ok := inbox.ValidPhone(phone)
	if !ok {
		return false, inbox.Errorf(inbox.CodeInvalid, "client.bad_phone", map[string]any{"Phone": phone})
	}
	s, err := c.waitSession(ctx)
	if err != nil {
		return false, inbox.Errorf(inbox.CodeUnavailable, "whatsapp.check_offline", nil)
	}
	res, err := s.cli.IsOnWhatsApp(ctx, []string{"+" + n})
	if err != nil {
		return false, fmt.Errorf("is on whatsapp: %w", err)
	}
	for _, r := range res {
		if r.IsIn {
			return true, nil
		}
	}
	return false, nil
}
