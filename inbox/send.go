package inbox

import (
	"fmt"
	"strings"
)

// Outgoing is what an operator sends to a chat.
type Outgoing struct {
	Chat        ChatID
	Text        string
	Attachments []Attachment
	ReplyTo     ExternalID
}

// Send stores an operator's message as queued, in the same transaction as the dialog's
// auto-assignment, before any network call: the outbox sends it later, and it survives a
// crash or an outage meanwhile. The first reply in an unassigned dialog assigns it to the
// sender with a "взят в работу" note. Writing to a chat whose dialog was closed opens a
// new dialog, taken by the sender. A chat through a business connection refuses as
// CanReply does, before anything is stored.
func (s *Service) Send(op OperatorID, out Outgoing) (Message, error) {
	out.Text = strings.TrimSpace(out.Text)
	if out.Text == "" && len(out.Attachments) == 0 {
		return Message{}, Errorf(CodeInvalid, "send.empty", nil)
	}
	if field, ok := UnfilledField(out.Text); ok {
		return Message{}, Errorf(CodeInvalid, "send.unfilled_field", map[string]any{"Field": field})
	}
	var m Message
	err := s.update(func(tx Tx, ev *events) error {
		var err error
		m, err = s.send(tx, op, out, ev)
		return err
	})
	if err != nil {
		return Message{}, err
	}
	return m, nil
}

func (s *Service) send(tx Tx, op OperatorID, out Outgoing, ev *events) (Message, error) {
	sender, err := tx.Operator(op)
	if err != nil {
		return Message{}, fmt.Errorf("operator %d: %w", op, err)
	}
	c, err := tx.Chat(out.Chat)
	if err != nil {
		return Message{}, fmt.Errorf("chat %d: %w", out.Chat, err)
	}
	acc, err := sendingAccount(tx, c.Account)
	if err != nil {
		return Message{}, err
	}
	if err := s.limits(acc).Check(out.Attachments); err != nil {
		return Message{}, err
	}
	now := s.Now()
	if err := canReply(tx, c, now); err != nil {
		return Message{}, err
	}
	d, err := liveDialog(tx, &c, now, false)
	if err != nil {
		return Message{}, err
	}
	if d.Assignee == 0 {
		d.Assignee = op
		ev.add(Event{Kind: EventDialog, Chat: c.ID, Dialog: d.ID})
		if _, err := addSystem(tx, d, now, SystemEvent{Kind: SysTaken, Operator: op, OperatorName: sender.Name}); err != nil {
			return Message{}, err
		}
	}
	m := &Message{Direction: DirOutbound, At: now, Text: out.Text, Attachments: out.Attachments,
		ReplyTo: out.ReplyTo, Author: op, Delivery: &Delivery{State: Queued, At: now}}
	if err := appendToDialog(tx, d, m); err != nil {
		return Message{}, err
	}
	ev.add(Event{Kind: EventMessage, Chat: c.ID, Dialog: d.ID, Message: m.ID})
	ev.add(Event{Kind: EventDialog, Chat: c.ID, Dialog: d.ID})
	return *m, nil
}

// sendingAccount returns the account a chat sends through, refusing one that cannot
// send: disabled, or with broken settings (the "!" badge), so the operator learns it
// before typing more.
func sendingAccount(tx ReadTx, id AccountID) (Account, error) {
	acc, err := tx.Account(id)
	if err != nil {
		return Account{}, fmt.Errorf("account %d: %w", id, err)
	}
	if acc.Disabled {
		return Account{}, Errorf(CodeConflict, "send.account_disabled", map[string]any{"Account": acc.Title})
	}
	if acc.Health.Broken() {
		return Account{}, Errorf(CodeConflict, "send.account_broken", map[string]any{"Account": acc.Title})
	}
	return acc, nil
}
