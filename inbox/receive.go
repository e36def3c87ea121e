package inbox

import (
	"fmt"
	"time"
)

// Inbound is a message a connector received from a network.
type Inbound struct {
	Account AccountID
	Peer    PeerID
	// What the network says about the sender; empty fields leave the chat as it is.
	ChatName string
	Username string
	Phone    string // any notation; normalised on the way in
	// ExternalID is the network's id of the message (for an edit: of the edit itself,
	// unique per edit, e.g. "42@1700000000").
	ExternalID  ExternalID
	At          time.Time
	Text        string
	Attachments []Attachment
	ReplyTo     ExternalID
	// EditOf, when set, makes this an edit of the message with that network id: it is
	// stored as a revision beside the original.
	EditOf ExternalID
	// Via is the business connection the message came through (see Chat.Via); a new chat
	// gets it.
	Via ConnectionID
	// FromAccount marks a message the salon itself typed on its account outside SalonChat
	// (see Message.Elsewhere): it is stored as outbound and answers the client.
	FromAccount bool
	// SamePersonAs is the peer of this person's other chat on the account, so that a
	// chat without a client joins the client that chat is linked to: for a chat through a
	// business connection, the person's chat with the account itself (Telegram: the user
	// id); for that chat, the person's chat through the connection (when the connector
	// can tell which).
	SamePersonAs PeerID
}

// ReceiveResult says what Receive did.
type ReceiveResult struct {
	Message   MessageID
	Chat      ChatID
	Dialog    DialogID
	Duplicate bool // already stored earlier: nothing changed
}

// Receive stores a client's message. It is idempotent on (account, peer, external id):
// a message delivered twice is stored once. When Receive returns nil the message is on
// disk, and only then may the connector acknowledge it to its network. Concurrent calls
// share transactions (group commit).
func (s *Service) Receive(in Inbound) (ReceiveResult, error) {
	if in.ExternalID == "" || in.Peer == "" || in.Account == 0 {
		return ReceiveResult{}, fmt.Errorf("receive: account, peer and external id are required")
	}
	if in.At.IsZero() {
		in.At = s.Now()
	}
	in.At = in.At.UTC()
	var res ReceiveResult
	var ev events
	err := s.store.Batch(func(tx Tx) error {
		res, ev = ReceiveResult{}, events{}
		return receive(tx, in, &res, &ev)
	})
	if err != nil {
		return ReceiveResult{}, fmt.Errorf("receive %s: %w", in.ExternalID, err)
	}
	s.bus.publish(ev...)
	return res, nil
}

func receive(tx Tx, in Inbound, res *ReceiveResult, ev *events) error {
	c, err := chatFor(tx, in, ev)
	if err != nil {
		return err
	}
	res.Chat = c.ID
	if _, dup, err := tx.MessageByExternal(c.ID, in.ExternalID); err != nil || dup {
		res.Duplicate = dup
		return err
	}
	if in.EditOf != "" {
		return receiveEdit(tx, c, in, res, ev)
	}
	d, err := liveDialog(tx, &c, in.At, !in.FromAccount)
	if err != nil {
		return err
	}
	m := &Message{Direction: DirInbound, At: in.At, ExternalID: in.ExternalID, Text: in.Text,
		Attachments: in.Attachments, ReplyTo: in.ReplyTo}
	if in.FromAccount {
		// Typed on the salon's account outside SalonChat: an answer nobody here sent, so
		// no author, no assignment, and a delivery record so its ticks show.
		m.Direction, m.Elsewhere = DirOutbound, true
		m.Delivery = &Delivery{State: Sent, ExternalID: in.ExternalID, At: in.At}
	} else {
		if d.Status == DialogPostponed {
			// The client wrote again: the question is back on the table.
			d.Status, d.PostponedUntil = DialogOpen, time.Time{}
		}
		if err := noteLastInbound(tx, c, in.At); err != nil {
			return err
		}
	}
	if err := appendToDialog(tx, d, m); err != nil {
		return err
	}
	res.Message, res.Dialog = m.ID, d.ID
	ev.add(Event{Kind: EventMessage, Chat: c.ID, Dialog: d.ID, Message: m.ID, Inbound: !in.FromAccount})
	ev.add(Event{Kind: EventDialog, Chat: c.ID, Dialog: d.ID})
	return nil
}

// receiveEdit keeps a client's edit as a revision of the original message. An edit of a
// message SalonChat never saw is stored as a new message, so nothing the client sent
// is lost.
func receiveEdit(tx Tx, c Chat, in Inbound, res *ReceiveResult, ev *events) error {
	orig, ok, err := tx.MessageByExternal(c.ID, in.EditOf)
	if err != nil {
		return err
	}
	if !ok {
		in.EditOf = ""
		return receive(tx, in, res, ev)
	}
	if err := tx.AddRevision(orig, Revision{At: in.At, Text: in.Text, ExternalID: in.ExternalID}); err != nil {
		return err
	}
	m, err := tx.Message(orig)
	if err != nil {
		return err
	}
	res.Message, res.Dialog = orig, m.Dialog
	if d, err := tx.Dialog(m.Dialog); err == nil && d.LastMessage == orig {
		d.Preview = Preview(m)
		if err := tx.PutDialog(&d); err != nil {
			return err
		}
		ev.add(Event{Kind: EventDialog, Chat: c.ID, Dialog: d.ID})
	}
	ev.add(Event{Kind: EventMessageUpdated, Chat: c.ID, Dialog: m.Dialog, Message: orig})
	return nil
}

// chatFor finds or creates the chat of an inbound message and refreshes what the network
// told about the sender (name, username, phone). A new chat gets the business connection
// it came through (Via). A chat without a client joins the client of the same person's
// chat with the account itself (Inbound.SamePersonAs), else the client who already has
// its phone number. The other direction — linking a business chat when its twin is
// linked later — happens at the business chat's next message.
func chatFor(tx Tx, in Inbound, ev *events) (Chat, error) {
	acc, err := tx.Account(in.Account)
	if err != nil {
		return Chat{}, fmt.Errorf("account %d: %w", in.Account, err)
	}
	c, found, err := tx.ChatByPeer(in.Account, in.Peer)
	if err != nil {
		return Chat{}, err
	}
	changed := !found
	if !found {
		c = Chat{Account: in.Account, Network: acc.Network, Peer: in.Peer, Created: in.At, Via: in.Via}
	}
	linked, err := samePerson(tx, &c, in)
	if err != nil {
		return Chat{}, err
	}
	changed = changed || linked
	phone := NormalizePhone(in.Phone)
	for _, f := range []struct {
		dst *string
		v   string
	}{{&c.Name, in.ChatName}, {&c.Username, in.Username}, {&c.Phone, phone}} {
		if f.v != "" && *f.dst != f.v {
			*f.dst, changed = f.v, true
		}
	}
	if !changed {
		return c, nil
	}
	if c.Client == 0 && c.Phone != "" {
		if linked, err = linkByPhone(tx, &c); err != nil {
			return Chat{}, err
		}
	}
	if err := tx.PutChat(&c); err != nil {
		return Chat{}, err
	}
	ev.add(Event{Kind: EventChat, Chat: c.ID, Client: c.Client})
	if linked {
		ch := ClientChange{Client: c.Client, At: in.At, Field: ChangeChatAttached, Chat: c.ID, New: chatTitle(c)}
		if err := tx.AddClientChange(c.Client, ch); err != nil {
			return Chat{}, err
		}
		ev.add(Event{Kind: EventClient, Client: c.Client})
	}
	return c, nil
}

// linkByPhone attaches a chat to the client whose card has the chat's phone number: one
// who wrote on WhatsApp before and now writes on Telegram, or one the front desk entered
// by hand. When several cards share the number, the oldest one is taken.
func linkByPhone(tx Tx, c *Chat) (bool, error) {
	clients, err := tx.ClientsByPhone(c.Phone)
	if err != nil || len(clients) == 0 {
		return false, err
	}
	c.Client, c.ClientName = clients[0].ID, clients[0].DisplayName()
	return true, nil
}

// liveDialog returns the chat's open or postponed dialog, opening a new one when the chat
// has none or its last dialog was closed (the closed one stays as it was); awaiting says
// whether the message that needs it is the client's (see newDialog).
func liveDialog(tx Tx, c *Chat, at time.Time, awaiting bool) (*Dialog, error) {
	if c.Dialog != 0 {
		d, err := tx.Dialog(c.Dialog)
		if err != nil {
			return nil, err
		}
		if d.Live() {
			return &d, nil
		}
	}
	return newDialog(tx, c, at, awaiting)
}
