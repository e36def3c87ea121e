package inbox

import (
	"fmt"
	"time"
)

// NoteConsent records in a chat that the client allowed or forbade the account's
// messages, as a system note (a VK community may write only to people who allowed it).
// A person who allowed messages but never wrote gets a chat, so the salon can greet
// them: the note opens a dialog for it. A refusal with no live dialog is noted in a new,
// closed dialog, so the history shows it without putting anything in the work queue.
// Idempotent on key.
func (s *Service) NoteConsent(account AccountID, peer PeerID, allowed bool, key ExternalID, at time.Time) error {
	if key == "" || peer == "" {
		return fmt.Errorf("note consent: peer and key are required")
	}
	if at.IsZero() {
		at = s.Now()
	}
	at = at.UTC()
	return s.update(func(tx Tx, ev *events) error {
		c, err := chatFor(tx, Inbound{Account: account, Peer: peer, At: at}, ev)
		if err != nil {
			return err
		}
		if _, dup, err := tx.MessageByExternal(c.ID, key); err != nil || dup {
			return err
		}
		d, err := consentDialog(tx, &c, allowed, at)
		if err != nil {
			return err
		}
		kind := SysMessagesDenied
		if allowed {
			kind = SysMessagesAllowed
		}
		m := &Message{Direction: DirSystem, At: at, ExternalID: key, System: &SystemEvent{Kind: kind}}
		if err := appendToDialog(tx, d, m); err != nil {
			return err
		}
		ev.add(Event{Kind: EventMessage, Chat: c.ID, Dialog: d.ID, Message: m.ID})
		ev.add(Event{Kind: EventDialog, Chat: c.ID, Dialog: d.ID})
		return nil
	})
}

// consentDialog is where a consent note goes: the live dialog, else a new one — open
// for a permission, closed for a refusal.
func consentDialog(tx Tx, c *Chat, allowed bool, at time.Time) (*Dialog, error) {
	if c.Dialog != 0 {
		d, err := tx.Dialog(c.Dialog)
		if err != nil {
			return nil, err
		}
		if d.Live() {
			return &d, nil
		}
	}
	d, err := newDialog(tx, c, at, false)
	if err != nil || allowed {
		return d, err
	}
	d.Status, d.Closed = DialogClosed, at
	return d, nil
}
