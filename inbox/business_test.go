package inbox_test

import (
	"errors"
	"testing"
	"time"

	"salonchat/inbox"
)

// Telegram Business: a client writes to the salon's own account (lotos_salon), whose
// business connection "bc1" delivers the chat to the bot account e.tg.

const bc = inbox.ConnectionID("bc1")

func (e *env) connect(c inbox.Connection) inbox.Connection {
	e.t.Helper()
	c.Account, c.ID = e.tg.ID, bc
	if c.UserID == "" {
		c.UserID, c.Name, c.Username = "777", "Лотос", "lotos_salon"
	}
	e.must(e.svc.SetConnection(c))
	got, ok, err := e.svc.Connection(e.tg.ID, bc)
	e.must(err)
	if !ok {
		e.t.Fatal("Connection after SetConnection: not found")
	}
	return got
}

var replyable = inbox.Connection{CanReply: true, Enabled: true, ReplyWindow: 24 * time.Hour}

// business delivers a message through the connection: from the client, or typed on the
// salon's account when fromAccount.
func (e *env) business(ext, text string, fromAccount bool) inbox.ReceiveResult {
	e.t.Helper()
	return e.receiveExt(inbox.Inbound{Account: e.tg.ID, Peer: "bc1:42", ChatName: "Мария", Via: bc,
		ExternalID: inbox.ExternalID(ext), Text: text, FromAccount: fromAccount, SamePersonAs: "42"})
}

// drain returns the events published so far.
func drain(sub *inbox.Subscription) []inbox.Event {
	var out []inbox.Event
	for {
		select {
		case ev := <-sub.Events():
			out = append(out, ev)
		default:
			return out
		}
	}
}

func TestService_SetConnection(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		sub := e.svc.Subscribe(16)
		defer sub.Close()
		got := e.connect(replyable)
		if !got.Updated.Equal(e.clock.Now()) || got.Label() != "@lotos_salon" || !got.CanReply {
			t.Errorf("stored connection = %+v", got)
		}
		if evs := drain(sub); len(evs) != 1 || evs[0].Kind != inbox.EventAccount || evs[0].Account != e.tg.ID {
			t.Errorf("events after SetConnection = %+v; want one EventAccount of the account", evs)
		}
		e.clock.Advance(time.Hour)
		e.connect(replyable) // the network repeats itself: nothing changes
		if evs := drain(sub); len(evs) != 0 {
			t.Errorf("events after repeating a connection = %+v; want none", evs)
		}
		off := replyable
		off.Enabled = false
		got = e.connect(off)
		if got.Enabled || !got.Updated.Equal(e.clock.Now()) || got.Problem() != "connection.disabled" {
			t.Errorf("connection after disabling = %+v", got)
		}
		all, err := e.svc.Connections(e.tg.ID)
		e.must(err)
		if len(all) != 1 || all[0].Enabled {
			t.Errorf("Connections = %+v; want the one, disabled", all)
		}
		if _, ok, err := e.svc.Connection(e.wa.ID, bc); ok || err != nil {
			t.Errorf("Connection of another account = ok %v, %v; want none", ok, err)
		}
		if err := e.svc.SetConnection(inbox.Connection{Account: 999, ID: "x"}); !errors.Is(err, inbox.ErrNotFound) {
			t.Errorf("SetConnection on a missing account: %v; want ErrNotFound", err)
		}
	})
}

func TestService_Receive_Via(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		e.connect(replyable)
		r := e.business("1", "Здравствуйте", false)
		c, err := e.svc.Chat(r.Chat)
		e.must(err)
		if c.Via != bc || c.Client != 0 {
			t.Errorf("business chat = %+v; want Via %q, no client", c, bc)
		}
		plain := e.receive("43", "Привет")
		if c, _ := e.svc.Chat(plain.Chat); c.Via != "" {
			t.Errorf("chat with the bot: Via = %q; want empty", c.Via)
		}
	})
}

func TestService_Receive_SamePersonAs(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		e.connect(replyable)
		// The person wrote to the bot first and has a card: their business chat joins it.
		bot := e.receive("42", "Привет боту")
		cl, err := e.svc.CreateClientFromChat(e.anna.ID, bot.Chat)
		e.must(err)
		r := e.business("1", "Здравствуйте", false)
		c, err := e.svc.Chat(r.Chat)
		e.must(err)
		if c.Client != cl.ID || c.ClientName != cl.DisplayName() {
			t.Errorf("business chat = client %d %q; want %d %q", c.Client, c.ClientName, cl.ID, cl.DisplayName())
		}
		hist, err := e.svc.ClientHistory(cl.ID)
		e.must(err)
		if last := hist[len(hist)-1]; last.Field != inbox.ChangeChatAttached || last.Chat != c.ID {
			t.Errorf("last history entry = %+v; want the business chat attached", last)
		}
	})
	forEachStore(t, func(t *testing.T, e *env) {
		// The business chat came first; the card is made from the bot chat later: the
		// business chat joins at its next message.
		e.connect(replyable)
		r := e.business("1", "Здравствуйте", false)
		bot := e.receive("42", "Привет боту")
		cl, err := e.svc.CreateClientFromChat(e.anna.ID, bot.Chat)
		e.must(err)
		e.business("2", "Ещё вопрос", false)
		if c, _ := e.svc.Chat(r.Chat); c.Client != cl.ID {
			t.Errorf("business chat after its twin was linked: client %d; want %d", c.Client, cl.ID)
		}
	})
	forEachStore(t, func(t *testing.T, e *env) {
		// The other way round: the card was made from the business chat; the person's new
		// chat with the bot names it and joins the same client.
		e.connect(replyable)
		r := e.business("1", "Здравствуйте", false)
		cl, err := e.svc.CreateClientFromChat(e.anna.ID, r.Chat)
		e.must(err)
		bot := e.receiveExt(inbox.Inbound{Account: e.tg.ID, Peer: "42", ChatName: "Мария", ExternalID: "b1",
			Text: "Привет боту", SamePersonAs: "bc1:42"})
		if c, _ := e.svc.Chat(bot.Chat); c.Client != cl.ID || c.Via != "" {
			t.Errorf("bot chat naming its linked business twin: client %d, Via %q; want %d, none", c.Client, c.Via, cl.ID)
		}
	})
}

func TestService_Receive_FromAccount(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		e.connect(replyable)
		sub := e.svc.Subscribe(32)
		defer sub.Close()
		in := e.business("1", "Можно на завтра?", false)
		own := e.business("2", "Да, в 15:00", true)
		if own.Dialog != in.Dialog || own.Duplicate {
			t.Fatalf("reply typed on the phone = %+v; want it in the client's dialog", own)
		}
		d := e.dialog(in.Dialog)
		if d.Awaiting || !d.WaitingSince.IsZero() || d.PreviewDirection != inbox.DirOutbound || d.Preview != "Да, в 15:00" ||
			d.Unread != 0 || d.Assignee != 0 || d.Status != inbox.DialogOpen {
			t.Errorf("dialog after the phone reply = %+v; want answered, unassigned, preview outbound", d)
		}
		for _, ev := range drain(sub) {
			if ev.Kind == inbox.EventMessage && ev.Message == own.Message && ev.Inbound {
				t.Errorf("phone reply published as inbound: %+v", ev)
			}
		}
		th := e.thread(in.Chat)
		if len(th) != 2 || len(e.systemKinds(in.Chat)) != 0 {
			t.Fatalf("thread = %+v; want the two messages, no system note", th)
		}
		m := th[1]
		if m.Direction != inbox.DirOutbound || !m.Elsewhere || m.Author != 0 || m.Delivery == nil ||
			m.Delivery.State != inbox.Sent || m.Delivery.ExternalID != "2" {
			t.Errorf("phone reply = %+v (delivery %+v); want outbound, elsewhere, no author, sent as 2", m, m.Delivery)
		}
		// Redelivered: stored once. Edited on the phone: a revision.
		if again := e.business("2", "Да, в 15:00", true); !again.Duplicate || len(e.thread(in.Chat)) != 2 {
			t.Errorf("redelivered phone reply = %+v; want a duplicate, stored once", again)
		}
		edit := e.receiveExt(inbox.Inbound{Account: e.tg.ID, Peer: "bc1:42", Via: bc, FromAccount: true,
			ExternalID: "2@edit", EditOf: "2", Text: "Да, в 16:00"})
		if edit.Message != own.Message {
			t.Errorf("edit of the phone reply = %+v; want a revision of %d", edit, own.Message)
		}
		th = e.thread(in.Chat)
		if len(th) != 2 || th[1].CurrentText() != "Да, в 16:00" || th[1].Text != "Да, в 15:00" {
			t.Errorf("thread after the edit = %+v", th)
		}
		if d := e.dialog(in.Dialog); d.Preview != "Да, в 16:00" {
			t.Errorf("preview after the edit = %q", d.Preview)
		}
		// The client's message after it makes the dialog awaiting again.
		e.business("3", "Спасибо!", false)
		if d := e.dialog(in.Dialog); !d.Awaiting || d.Unread != 1 {
			t.Errorf("dialog after the client's next message = %+v; want awaiting, 1 unread", d)
		}
	})
}

func TestService_Receive_FromAccountAfterClose(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		e.connect(replyable)
		in := e.business("1", "Здравствуйте", false)
		e.send(e.anna, in.Chat, "Добрый день")
		e.must(e.svc.CloseDialog(e.anna.ID, in.Dialog))
		own := e.business("2", "Напоминаем о записи", true)
		if own.Dialog == in.Dialog {
			t.Fatal("the phone message went into the closed dialog")
		}
		d := e.dialog(own.Dialog)
		if d.Status != inbox.DialogOpen || d.Awaiting || d.Assignee != 0 || d.PreviewDirection != inbox.DirOutbound {
			t.Errorf("new dialog = %+v; want open, answered, unassigned", d)
		}
		if old := e.dialog(in.Dialog); old.Status != inbox.DialogClosed {
			t.Errorf("old dialog = %+v; want it closed still", old)
		}
	})
}

func TestService_Receive_FromAccountKeepsPostponed(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		e.connect(replyable)
		in := e.business("1", "Здравствуйте", false)
		e.must(e.svc.Postpone(e.anna.ID, in.Dialog, e.clock.Now().Add(48*time.Hour)))
		e.business("2", "Ответила с телефона", true)
		if d := e.dialog(in.Dialog); d.Status != inbox.DialogPostponed || d.Awaiting {
			t.Errorf("dialog = %+v; want still postponed, answered", d)
		}
	})
}

func TestService_MarkDeleted(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		e.connect(replyable)
		in := e.business("1", "Запишите меня", false)
		own := e.business("2", "Записала", true)
		sent := e.send(e.anna, in.Chat, "Ждём вас")
		_, err := e.svc.UpdateDelivery(sent.ID, inbox.Delivery{State: inbox.Sent, ExternalID: "3"})
		e.must(err)
		before := e.dialog(in.Dialog)
		sub := e.svc.Subscribe(16)
		defer sub.Close()
		first := e.clock.Now().Add(time.Minute)
		e.must(e.svc.MarkDeleted(e.tg.ID, "bc1:42", []inbox.ExternalID{"1", "3", "404"}, first))
		e.must(e.svc.MarkDeleted(e.tg.ID, "bc1:42", []inbox.ExternalID{"1"}, first.Add(time.Hour)))
		e.must(e.svc.MarkDeleted(e.tg.ID, "nobody", []inbox.ExternalID{"1"}, first))
		evs := drain(sub)
		if len(evs) != 2 || evs[0].Kind != inbox.EventMessageUpdated || evs[0].Message != in.Message || evs[1].Message != sent.ID {
			t.Errorf("events = %+v; want one update for each newly deleted message", evs)
		}
		th := e.thread(in.Chat)
		want := map[inbox.MessageID]time.Time{in.Message: first, own.Message: {}, sent.ID: first}
		for _, m := range th {
			if w, ok := want[m.ID]; ok && !m.Deleted.Equal(w) {
				t.Errorf("message %d %q: Deleted %v; want %v", m.ID, m.Text, m.Deleted, w)
			}
		}
		if th[0].Text != "Запишите меня" {
			t.Errorf("deleted message's text = %q; want it kept", th[0].Text)
		}
		if m, err := e.svc.Message(in.Message); err != nil || !m.Deleted.Equal(first) {
			t.Errorf("Message(%d) = Deleted %v, %v; want %v", in.Message, m.Deleted, err, first)
		}
		if after := e.dialog(in.Dialog); after.Preview != before.Preview {
			t.Errorf("preview after deleting the last message = %q; want %q kept", after.Preview, before.Preview)
		}
	})
}

func TestService_CanReply(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		plain := e.receive("43", "Привет")
		if err := e.svc.CanReply(plain.Chat); err != nil {
			t.Errorf("CanReply of a chat with the bot: %v; want nil", err)
		}
		e.connect(replyable)
		in := e.business("1", "Здравствуйте", false)
		lastAt := e.clock.Now()
		e.business("2", "Ответ с телефона", true) // not the client's: does not move the window
		cases := []struct {
			name string
			conn inbox.Connection
			wait time.Duration
			key  string
		}{
			{"disabled", inbox.Connection{CanReply: true, ReplyWindow: 24 * time.Hour}, 0, "send.connection_disabled"},
			{"no reply rights", inbox.Connection{Enabled: true, ReplyWindow: 24 * time.Hour}, 0, "send.connection_no_reply"},
			{"window closed", replyable, 24 * time.Hour, "send.reply_window_closed"},
			{"no window", inbox.Connection{CanReply: true, Enabled: true}, 0, ""},
		}
		if err := e.svc.CanReply(in.Chat); err != nil {
			t.Errorf("CanReply in the window: %v; want nil", err)
		}
		for _, c := range cases {
			e.connect(c.conn)
			e.clock.Advance(c.wait)
			err := e.svc.CanReply(in.Chat)
			key, args := inbox.ErrorKey(err)
			var ie *inbox.Error
			switch {
			case c.key == "" && err != nil:
				t.Errorf("%s: CanReply = %v; want nil", c.name, err)
			case c.key != "" && (key != c.key || !errors.As(err, &ie) || ie.Code != inbox.CodeConflict):
				t.Errorf("%s: CanReply = %v; want conflict %s", c.name, err, c.key)
			case c.key != "" && args["Account"] != "@lotos_salon":
				t.Errorf("%s: args %v; want the connected account's label", c.name, args)
			}
			if c.key == "send.reply_window_closed" {
				local := lastAt.In(time.Local)
				if args["Hours"] != 24 || args["Date"] != local.Format("02.01") || args["Time"] != local.Format("15:04") {
					t.Errorf("window closed: args %v; want 24 hours and the client's last message at %v", args, local)
				}
			}
			// Send refuses with the same error and stores nothing.
			n := len(e.thread(in.Chat))
			_, serr := e.svc.Send(e.anna.ID, inbox.Outgoing{Chat: in.Chat, Text: "Добрый день"})
			if skey, _ := inbox.ErrorKey(serr); c.key != "" && (skey != c.key || len(e.thread(in.Chat)) != n) {
				t.Errorf("%s: Send = %v, thread %d → %d; want %s and nothing stored", c.name, serr, n, len(e.thread(in.Chat)), c.key)
			}
			if c.key != "" && (e.dialog(in.Dialog).Assignee != 0 || len(e.systemKinds(in.Chat)) != 0) {
				t.Errorf("%s: a refused Send took the dialog", c.name)
			}
			if c.key == "" && serr != nil {
				t.Errorf("%s: Send = %v; want it queued", c.name, serr)
			}
		}
		// The window closes again; the client writes again and it opens.
		e.connect(replyable)
		if key, _ := inbox.ErrorKey(e.svc.CanReply(in.Chat)); key != "send.reply_window_closed" {
			t.Errorf("CanReply a day after the client's message = %q; want the window closed", key)
		}
		e.business("3", "Вы тут?", false)
		if err := e.svc.CanReply(in.Chat); err != nil {
			t.Errorf("CanReply after the client wrote again: %v; want nil", err)
		}
	})
}

func TestService_CanReply_UnknownConnection(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		in := e.business("1", "Здравствуйте", false)
		if key, _ := inbox.ErrorKey(e.svc.CanReply(in.Chat)); key != "send.connection_disabled" {
			t.Errorf("CanReply through a connection never stored = %q; want send.connection_disabled", key)
		}
	})
}

func TestService_CanReply_NoClientMessage(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		e.connect(replyable)
		own := e.business("1", "Здравствуйте, это салон", true)
		key, args := inbox.ErrorKey(e.svc.CanReply(own.Chat))
		if _, has := args["Date"]; key != "send.reply_window_closed" || has {
			t.Errorf("CanReply with no client message = %q %v; want the window closed, no date", key, args)
		}
	})
}

func TestService_Retry_RefusedReply(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		e.connect(replyable)
		in := e.business("1", "Здравствуйте", false)
		m := e.send(e.anna, in.Chat, "Добрый день")
		_, err := e.svc.UpdateDelivery(m.ID, inbox.Delivery{State: inbox.Failed, Reason: "telegram.network"})
		e.must(err)
		off := replyable
		off.CanReply = false
		e.connect(off)
		if key, _ := inbox.ErrorKey(e.svc.Retry(m.ID)); key != "send.connection_no_reply" {
			t.Errorf("Retry through a connection without reply rights = %q; want send.connection_no_reply", key)
		}
		if got, _ := e.svc.Message(m.ID); got.Delivery.State != inbox.Failed {
			t.Errorf("refused retry left the message %v; want it failed still", got.Delivery.State)
		}
		e.connect(replyable)
		e.must(e.svc.Retry(m.ID))
	})
}

// "Написать" offers a chat through the salon's account only while a reply can go out,
// and names the connection; past the window it says why, with the times filled in.
func TestService_Channels_BusinessChat(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		e.connect(replyable)
		in := e.business("1", "Здравствуйте", false)
		client, err := e.svc.CreateClientFromChat(e.anna.ID, in.Chat)
		e.must(err)
		option := func() inbox.ChannelOption {
			opts, err := e.svc.Channels(client.ID)
			e.must(err)
			for _, o := range opts {
				if o.Chat == in.Chat {
					return o
				}
			}
			t.Fatalf("the business chat is not among the channels %+v", opts)
			return inbox.ChannelOption{}
		}
		if o := option(); !o.Available || o.Via != bc {
			t.Errorf("within the window: %+v; want available, via %q", o, bc)
		}
		e.clock.Advance(25 * time.Hour)
		o := option()
		if o.Available || o.Reason != "send.reply_window_closed" || o.ReasonArgs["Hours"] != 24 {
			t.Errorf("after 25 hours: %+v; want unavailable with the closed window and its hours", o)
		}
	})
}
