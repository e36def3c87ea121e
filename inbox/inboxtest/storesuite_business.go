package inboxtest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"salonchat/inbox"
)

// Store cases for Telegram Business: connections, chats through them, messages typed
// elsewhere, deletion marks and the client's last message in a business chat.

func init() {
	storeCases = append(storeCases, []struct {
		name string
		run  func(t *testing.T, s inbox.Store)
	}{
		{"Connections", testConnections},
		{"ChatVia", testChatVia},
		{"MessageElsewhere", testMessageElsewhere},
		{"DeletionMarks", testDeletionMarks},
		{"LastInbound", testLastInbound},
		{"BusinessRollback", testBusinessRollback},
	}...)
}

func testConnections(t *testing.T, s inbox.Store) {
	a := inbox.Connection{Account: 1, ID: "bc-a", UserID: "100", Name: "Лотос", Username: "lotos_salon",
		CanReply: true, Enabled: true, ReplyWindow: 24 * time.Hour, Updated: at(1)}
	b := inbox.Connection{Account: 1, ID: "bc-b", UserID: "200", Name: "Лотос 2", Enabled: true, Updated: at(2)}
	other := inbox.Connection{Account: 2, ID: "bc-a", UserID: "300", Updated: at(3)}
	update(t, s, func(tx inbox.Tx) error {
		return errors.Join(tx.PutConnection(b), tx.PutConnection(a), tx.PutConnection(other))
	})
	a.Enabled, a.Updated = false, at(4) // the account disabled it: replaced in place
	update(t, s, func(tx inbox.Tx) error { return tx.PutConnection(a) })
	view(t, s, func(tx inbox.ReadTx) error {
		got, err := tx.Connection(1, "bc-a")
		same(t, "Connection(1, bc-a)", got, a)
		got2, err2 := tx.Connection(2, "bc-a")
		same(t, "Connection(2, bc-a)", got2, other)
		list, err3 := tx.Connections(1)
		same(t, "Connections(1)", list, []inbox.Connection{a, b})
		none, err4 := tx.Connections(3)
		if len(none) != 0 {
			t.Errorf("Connections(3) = %v; want none", none)
		}
		if _, err := tx.Connection(1, "bc-c"); !errors.Is(err, inbox.ErrNotFound) {
			t.Errorf("Connection of a missing id: %v; want ErrNotFound", err)
		}
		return errors.Join(err, err2, err3, err4)
	})
}

func testChatVia(t *testing.T, s inbox.Store) {
	var c, plain inbox.Chat
	update(t, s, func(tx inbox.Tx) error {
		c = mkChat(t, tx, inbox.Chat{Peer: "bc-a:42", Name: "Анна", Via: "bc-a"})
		plain = mkChat(t, tx, inbox.Chat{Peer: "42", Name: "Анна"})
		return nil
	})
	c.Name = "Анна Петрова"
	update(t, s, func(tx inbox.Tx) error { return tx.PutChat(&c) })
	view(t, s, func(tx inbox.ReadTx) error {
		got, err := tx.Chat(c.ID)
		same(t, "chat through a connection", got, c)
		byPeer, _, err2 := tx.ChatByPeer(1, "bc-a:42")
		same(t, "ChatByPeer", byPeer, c)
		got2, err3 := tx.Chat(plain.ID)
		if got2.Via != "" {
			t.Errorf("chat with the account itself: Via = %q; want empty", got2.Via)
		}
		return errors.Join(err, err2, err3)
	})
}

func testMessageElsewhere(t *testing.T, s inbox.Store) {
	var chat inbox.ChatID
	var ms []inbox.Message
	update(t, s, func(tx inbox.Tx) error {
		d := mkDialog(t, tx, inbox.Dialog{LastActivity: at(2)})
		chat = d.Chat
		ms = append(ms,
			appendMsg(t, tx, inbox.Message{Chat: chat, Dialog: d.ID, Direction: inbox.DirOutbound, At: at(1),
				ExternalID: "7", Text: "с телефона", Elsewhere: true,
				Delivery: &inbox.Delivery{State: inbox.Sent, ExternalID: "7", At: at(1)}}),
			appendMsg(t, tx, inbox.Message{Chat: chat, Dialog: d.ID, Direction: inbox.DirSystem, At: at(2),
				System: &inbox.SystemEvent{Kind: inbox.SysTaken, Operator: 1, OperatorName: "Марина"}, Elsewhere: true}),
			appendMsg(t, tx, inbox.Message{Chat: chat, Dialog: d.ID, Direction: inbox.DirOutbound, At: at(3),
				Text: "из SalonChat", Author: 1, Delivery: &inbox.Delivery{State: inbox.Queued, At: at(3)}}))
		return nil
	})
	view(t, s, func(tx inbox.ReadTx) error {
		page, err := tx.Messages(chat, 0, 10)
		same(t, "thread with a message typed elsewhere", page, ms)
		one, err2 := tx.Message(ms[0].ID)
		if !one.Elsewhere || one.Delivery == nil || one.Delivery.State != inbox.Sent {
			t.Errorf("Message(%d) = %+v; want Elsewhere with its Sent delivery", ms[0].ID, one)
		}
		return errors.Join(err, err2)
	})
}

func testDeletionMarks(t *testing.T, s inbox.Store) {
	chat, ms := thread(t, s, 70)
	first, again := at(100), at(200)
	marked := []int{0, 1, 5, 69} // inbound, outbound with delivery, on both pages
	update(t, s, func(tx inbox.Tx) error {
		for _, i := range marked {
			if err := tx.MarkDeleted(ms[i].ID, first); err != nil {
				return err
			}
		}
		return tx.AddRevision(ms[0].ID, inbox.Revision{At: at(90), Text: "правка", ExternalID: "edit"})
	})
	update(t, s, func(tx inbox.Tx) error { return tx.MarkDeleted(ms[5].ID, again) }) // the first mark stays
	ms[0].Revisions = []inbox.Revision{{At: at(90), Text: "правка", ExternalID: "edit"}}
	for _, i := range marked {
		ms[i].Deleted = first
	}
	view(t, s, func(tx inbox.ReadTx) error {
		var all []inbox.Message
		before := inbox.MessageID(0)
		for {
			page, err := tx.Messages(chat, before, 30)
			if err != nil || len(page) == 0 {
				break
			}
			all, before = append(page, all...), page[0].ID
		}
		same(t, "thread pages with deletion marks", all, ms)
		var walked []inbox.Message
		err := tx.WalkMessages(chat, func(m inbox.Message) error { walked = append(walked, m); return nil })
		same(t, "WalkMessages with deletion marks", walked, ms)
		for _, i := range []int{0, 2, 5} {
			got, err := tx.Message(ms[i].ID)
			if err != nil {
				return err
			}
			same(t, fmt.Sprintf("Message(%d)", ms[i].ID), got, ms[i])
		}
		return err
	})
	if err := s.Update(func(tx inbox.Tx) error { return tx.MarkDeleted(99999, first) }); err == nil {
		t.Error("MarkDeleted of a missing message: nil error; want one")
	}
}

func testLastInbound(t *testing.T, s inbox.Store) {
	var a, b inbox.Chat
	update(t, s, func(tx inbox.Tx) error {
		a = mkChat(t, tx, inbox.Chat{Name: "А", Via: "bc"})
		b = mkChat(t, tx, inbox.Chat{Name: "Б", Via: "bc"})
		return errors.Join(tx.SetLastInbound(a.ID, at(1)), tx.SetLastInbound(a.ID, at(5)))
	})
	view(t, s, func(tx inbox.ReadTx) error {
		got, err := tx.LastInbound(a.ID)
		if !got.Equal(at(5)) {
			t.Errorf("LastInbound(a) = %v; want %v", got, at(5))
		}
		none, err2 := tx.LastInbound(b.ID)
		if !none.IsZero() {
			t.Errorf("LastInbound of a chat nobody wrote in = %v; want zero", none)
		}
		return errors.Join(err, err2)
	})
}

// testBusinessRollback: a failed transaction leaves no connection, mark or time behind.
func testBusinessRollback(t *testing.T, s inbox.Store) {
	_, ms := thread(t, s, 2)
	boom := errors.New("boom")
	err := s.Update(func(tx inbox.Tx) error {
		return errors.Join(tx.PutConnection(inbox.Connection{Account: 1, ID: "bc"}),
			tx.MarkDeleted(ms[0].ID, at(9)), tx.SetLastInbound(ms[0].Chat, at(9)), boom)
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v; want boom", err)
	}
	view(t, s, func(tx inbox.ReadTx) error {
		conns, err := tx.Connections(1)
		m, err2 := tx.Message(ms[0].ID)
		last, err3 := tx.LastInbound(ms[0].Chat)
		if len(conns) != 0 || !m.Deleted.IsZero() || !last.IsZero() {
			t.Errorf("after a failed Update: connections %v, deleted %v, last inbound %v; want nothing", conns, m.Deleted, last)
		}
		return errors.Join(err, err2, err3)
	})
}
