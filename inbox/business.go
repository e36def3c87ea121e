package inbox

import (
	"errors"
	"fmt"
	"time"
)

// Telegram Business: the salon's own account connected to a bot (see Connection). Its
// chats carry Via; the client's last message in such a chat is kept (ReadTx.LastInbound)
// because replies are allowed only within the connection's ReplyWindow after it.

// Translation keys the UI shows for business chats; each takes the network's translated
// name as {{.Network}}.
const (
	// KeyAuthorElsewhere names the author of a message typed on the salon's account in
	// the network's own app (Message.Elsewhere).
	KeyAuthorElsewhere = "message.author_elsewhere"
	// KeyDeletedOnNetwork marks a message deleted on the network's side (Message.Deleted).
	KeyDeletedOnNetwork = "message.deleted_on_network"
)

// SetConnection stores what the network said about a business connection, inserting or
// replacing the one with the same account and id, and tells subscribers the account
// changed. Updated is set to now. Repeating what is stored changes nothing.
func (s *Service) SetConnection(c Connection) error {
	if c.Account == 0 || c.ID == "" {
		return fmt.Errorf("set connection: account and id are required")
	}
	return s.update(func(tx Tx, ev *events) error {
		if _, err := tx.Account(c.Account); err != nil {
			return fmt.Errorf("account %d: %w", c.Account, err)
		}
		old, err := tx.Connection(c.Account, c.ID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if c.Updated = old.Updated; err == nil && old == c {
			return nil
		}
		c.Updated = s.Now()
		if err := tx.PutConnection(c); err != nil {
			return err
		}
		ev.add(Event{Kind: EventAccount, Account: c.Account})
		return nil
	})
}

// Connections lists an account's business connections, removed ones included.
func (s *Service) Connections(account AccountID) ([]Connection, error) {
	var cs []Connection
	err := s.store.View(func(tx ReadTx) (err error) {
		cs, err = tx.Connections(account)
		return err
	})
	return cs, err
}

// Connection reads one business connection; ok is false when the account has none with
// that id.
func (s *Service) Connection(account AccountID, id ConnectionID) (c Connection, ok bool, err error) {
	err = s.store.View(func(tx ReadTx) error {
		c, err = tx.Connection(account, id)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return Connection{}, false, nil
	}
	return c, err == nil, err
}

// MarkDeleted notes that the messages with these network ids in the chat of peer were
// deleted on the network's side. Each keeps its content and only its first mark; unknown
// ids (and an unknown peer) are ignored. Previews stay as they are: the message is still
// what was said.
func (s *Service) MarkDeleted(account AccountID, peer PeerID, ids []ExternalID, at time.Time) error {
	if at.IsZero() {
		at = s.Now()
	}
	at = at.UTC()
	return s.update(func(tx Tx, ev *events) error {
		c, ok, err := tx.ChatByPeer(account, peer)
		if err != nil || !ok {
			return err
		}
		for _, ext := range ids {
			if err := markDeleted(tx, c.ID, ext, at, ev); err != nil {
				return fmt.Errorf("mark %s deleted: %w", ext, err)
			}
		}
		return nil
	})
}

func markDeleted(tx Tx, chat ChatID, ext ExternalID, at time.Time, ev *events) error {
	id, ok, err := tx.MessageByExternal(chat, ext)
	if err != nil || !ok {
		return err
	}
	m, err := tx.Message(id)
	if err != nil || !m.Deleted.IsZero() {
		return err
	}
	if err := tx.MarkDeleted(id, at); err != nil {
		return err
	}
	ev.add(Event{Kind: EventMessageUpdated, Chat: chat, Dialog: m.Dialog, Message: id})
	return nil
}

// CanReply tells whether a reply can go out in a chat now: nil, or an *Error
// (CodeConflict) whose key says why not — the chat's business connection was disabled or
// removed, lacks the right to reply, or its reply window since the client's last message
// has passed. Chats with the account itself are always answerable here (the account's
// own state is Send's concern).
func (s *Service) CanReply(chat ChatID) error {
	return s.store.View(func(tx ReadTx) error {
		c, err := tx.Chat(chat)
		if err != nil {
			return fmt.Errorf("chat %d: %w", chat, err)
		}
		return canReply(tx, c, s.Now())
	})
}

func canReply(tx ReadTx, c Chat, now time.Time) error {
	if c.Via == "" {
		return nil
	}
	conn, err := tx.Connection(c.Account, c.Via)
	if errors.Is(err, ErrNotFound) {
		// Never heard of (a chat older than its connection's record): as removed.
		conn, err = Connection{Account: c.Account, ID: c.Via}, nil
	}
	if err != nil {
		return err
	}
	args := map[string]any{"Account": conn.Label()}
	switch {
	case !conn.Enabled:
		return Errorf(CodeConflict, "send.connection_disabled", args)
	case !conn.CanReply:
		return Errorf(CodeConflict, "send.connection_no_reply", args)
	case conn.ReplyWindow <= 0:
		return nil
	}
	last, err := tx.LastInbound(c.ID)
	if err != nil {
		return err
	}
	if !last.IsZero() && now.Before(last.Add(conn.ReplyWindow)) {
		return nil
	}
	args["Hours"] = int(conn.ReplyWindow / time.Hour)
	if !last.IsZero() {
		local := last.In(time.Local)
		args["Last"], args["Date"], args["Time"] = last, local.Format("02.01"), local.Format("15:04")
		args["Closed"] = last.Add(conn.ReplyWindow)
	}
	return Errorf(CodeConflict, "send.reply_window_closed", args)
}

// noteLastInbound keeps the time of the client's latest message in a business chat, for
// the reply window; other chats write nothing, so ordinary receiving costs no more.
func noteLastInbound(tx Tx, c Chat, at time.Time) error {
	if c.Via == "" {
		return nil
	}
	last, err := tx.LastInbound(c.ID)
	if err != nil || !at.After(last) {
		return err
	}
	return tx.SetLastInbound(c.ID, at)
}

// samePerson links a chat without a client to the client of the same person's other
// chat (Inbound.SamePersonAs), when that chat has one. It is checked
// at every message of such a chat, so a chat whose twin is linked later joins at the
// next message. It reports whether it linked.
func samePerson(tx ReadTx, c *Chat, in Inbound) (bool, error) {
	if c.Client != 0 || in.SamePersonAs == "" || in.SamePersonAs == in.Peer {
		return false, nil
	}
	twin, ok, err := tx.ChatByPeer(in.Account, in.SamePersonAs)
	if err != nil || !ok || twin.Client == 0 {
		return false, err
	}
	c.Client, c.ClientName = twin.Client, twin.ClientName
	return true, nil
}
