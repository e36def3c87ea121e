package inbox

import "fmt"

// rank orders the forward path of delivery states.
func (s DeliveryState) rank() int {
	switch s {
	case Queued:
		return 1
	case Sent:
		return 2
	case Delivered:
		return 3
	case Read:
		return 4
	}
	return 0
}

// CanMoveTo reports whether a delivery state may change to next: forward along
// queued → sent → delivered → read (receipts can skip steps but never go back), to
// failed from queued or sent, and from failed back to queued (a retry).
func (s DeliveryState) CanMoveTo(next DeliveryState) bool {
	switch {
	case next == Failed:
		return s == Queued || s == Sent
	case s == Failed:
		return next == Queued
	}
	return next.rank() > s.rank()
}

// UpdateDelivery records a step of an outbound message's delivery (the outbox and the
// connectors call it). A step that would go backwards — a late "delivered" after
// "read" — is ignored and reported as not applied.
func (s *Service) UpdateDelivery(id MessageID, next Delivery) (applied bool, err error) {
	err = s.update(func(tx Tx, ev *events) error {
		applied = false
		m, err := tx.Message(id)
		if err != nil {
			return fmt.Errorf("message %d: %w", id, err)
		}
		if m.Direction != DirOutbound || m.Delivery == nil {
			return fmt.Errorf("message %d is not outbound", id)
		}
		cur := *m.Delivery
		if !cur.State.CanMoveTo(next.State) {
			return nil
		}
		if next.At.IsZero() {
			next.At = s.Now()
		}
		if next.ExternalID == "" {
			next.ExternalID = cur.ExternalID
		}
		next.Attempts = cur.Attempts
		if next.State == Sent || next.State == Failed {
			next.Attempts++
		}
		if err := tx.SetDelivery(id, next); err != nil {
			return err
		}
		applied = true
		ev.add(Event{Kind: EventMessageUpdated, Chat: m.Chat, Dialog: m.Dialog, Message: id})
		return nil
	})
	return applied, err
}

// Retry queues a failed message again, unless its chat cannot be answered now (see
// CanReply): the outbox would only fail it again, so the reason is returned at once.
func (s *Service) Retry(id MessageID) error {
	m, err := s.Message(id)
	if err != nil {
		return fmt.Errorf("message %d: %w", id, err)
	}
	if err := s.CanReply(m.Chat); err != nil {
		return err
	}
	ok, err := s.UpdateDelivery(id, Delivery{State: Queued})
	if err == nil && !ok {
		return Errorf(CodeConflict, "retry.not_failed", nil)
	}
	return err
}

// Receipt records that the network delivered or read an outbound message, found by the
// id the network gave it. A receipt for a message SalonChat does not know is ignored.
func (s *Service) Receipt(account AccountID, peer PeerID, ext ExternalID, state DeliveryState) error {
	var id MessageID
	err := s.store.View(func(tx ReadTx) error {
		c, ok, err := tx.ChatByPeer(account, peer)
		if err != nil || !ok {
			return err
		}
		id, _, err = tx.MessageByExternal(c.ID, ext)
		return err
	})
	if err != nil || id == 0 {
		return err
	}
	_, err = s.UpdateDelivery(id, Delivery{State: state})
	return err
}

// Queued lists the outbound messages waiting to be sent, oldest first.
func (s *Service) Queued() ([]MessageID, error) {
	var ids []MessageID
	err := s.store.View(func(tx ReadTx) (err error) {
		ids, err = tx.Queued()
		return err
	})
	return ids, err
}

// Outbound reads a queued message with its chat and account, as a connector needs it.
func (s *Service) Outbound(id MessageID) (Outbound, error) {
	var out Outbound
	err := s.store.View(func(tx ReadTx) error {
		var err error
		if out.Message, err = tx.Message(id); err != nil {
			return fmt.Errorf("message %d: %w", id, err)
		}
		if out.Chat, err = tx.Chat(out.Message.Chat); err != nil {
			return fmt.Errorf("chat %d: %w", out.Message.Chat, err)
		}
		out.Account, err = tx.Account(out.Chat.Account)
		return err
	})
	return out, err
}
