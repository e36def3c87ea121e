package connectors_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"salonchat/connectors"
	"salonchat/connectors/internal/conntest"
	"salonchat/connectors/telegram"
	"salonchat/connectors/telegram/telegramtest"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
	"salonchat/storage"
)

// Telegram Business end to end: the real Manager and outbox, the real inbox.Service on a
// real bbolt file, the real Telegram connector, and the fake Bot API server fed updates
// shaped as core.telegram.org/bots/api documents them (business_connection,
// business_message, edited_business_message, deleted_business_messages). The two halves
// — the connector and the domain — were each tested against fakes of the other; these
// tests run them together.

const (
	bizToken = "7012345678:AAH-e2e_business_token_for_the_fake"
	bizConn  = "BGPp-ZLvQkUQAAAAJZ4bNlW7aRg"
	ownerID  = int64(5550007777) // the salon's own Telegram account
	clientID = int64(7771112222) // a client writing to it
)

// waitTime bounds every wait for the connector or the outbox.
const waitTime = 10 * time.Second

var (
	owner  = telegramtest.User{ID: ownerID, FirstName: "Салон", LastName: "Лотос", Username: "lotos_salon"}
	client = telegramtest.User{ID: clientID, FirstName: "Мария", LastName: "Иванова", Username: "maria_iv"}
	// clientPeer is the client's chat through the connection.
	clientPeer = telegram.MakeBusinessPeerID(clientID, bizConn)
)

// bizRig is SalonChat with one Telegram bot account, as the app runs it.
type bizRig struct {
	t     *testing.T
	srv   *telegramtest.Server
	clock *inboxtest.Clock
	path  string
	store *storage.Store
	svc   *inbox.Service
	mgr   *connectors.Manager
	acc   inbox.Account
	op    inbox.Operator
}

func newBizRig(t *testing.T) *bizRig {
	t.Helper()
	r := &bizRig{t: t, srv: telegramtest.NewServer(t, bizToken),
		clock: inboxtest.NewClock(time.Now().UTC().Truncate(time.Second)),
		path:  filepath.Join(t.TempDir(), "salonchat.db")}
	r.open()
	var err error
	if r.op, err = r.svc.AddOperator("Анна"); err != nil {
		t.Fatal(err)
	}
	r.acc, err = r.svc.AddAccount(inbox.Account{Network: inbox.Telegram, Title: "@" + telegramtest.BotUsername,
		Settings: map[string]string{telegram.SettingToken: bizToken, telegram.SettingAPIURL: r.srv.URL()}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.close)
	return r
}

// open opens the store file and a Service on it (again after close: a restart).
func (r *bizRig) open() {
	r.t.Helper()
	st, err := storage.Open(r.path)
	if err != nil {
		r.t.Fatal(err)
	}
	r.store = st
	r.svc = inbox.NewService(st, inbox.WithClock(r.clock), inbox.WithLimits(telegram.LimitsFor))
}

// start runs a Manager with the Telegram network, its requests all going to the fake.
func (r *bizRig) start() {
	r.t.Helper()
	opts := telegram.Options{DataDir: filepath.Dir(r.path), PollTimeout: time.Second,
		MinBackoff: 10 * time.Millisecond, MaxBackoff: 100 * time.Millisecond, HTTPClient: r.srv.Client()}
	r.mgr = connectors.NewManager(r.svc, connectors.NewRegistry(telegram.Network(opts)), nil,
		connectors.WithRetryBase(20*time.Millisecond))
	if err := r.mgr.Start(context.Background()); err != nil {
		r.t.Fatal(err)
	}
}

// stop closes the Manager (the connector confirms what it stored on the way out).
func (r *bizRig) stop() {
	if r.mgr != nil {
		r.mgr.Close()
		r.mgr = nil
	}
}

func (r *bizRig) close() {
	r.stop()
	if r.store != nil {
		if err := r.store.Close(); err != nil {
			r.t.Error(err)
		}
		r.store = nil
	}
}

// settle waits until the connector stored (and confirmed) every update pushed so far.
func (r *bizRig) settle() {
	r.t.Helper()
	conntest.WaitFor(r.t, waitTime, "every update stored", func() bool { return r.srv.Pending() == 0 })
}

// push feeds one update object, e.g. {"business_message": {...}}.
func (r *bizRig) push(update map[string]any) {
	r.t.Helper()
	raw, err := json.Marshal(update)
	if err != nil {
		r.t.Fatal(err)
	}
	r.srv.Push(string(raw))
}

// connect pushes the connection's business_connection update and waits until it is kept.
func (r *bizRig) connect(c telegramtest.BusinessConnection) inbox.Connection {
	r.t.Helper()
	r.srv.PushBusinessConnection(c)
	r.settle()
	got, ok, err := r.svc.Connection(r.acc.ID, inbox.ConnectionID(c.ID))
	if err != nil || !ok {
		r.t.Fatalf("connection %s not kept: ok=%v, %v", c.ID, ok, err)
	}
	return got
}

// bizMessage is a business message in a chat with the client, written by from.
func (r *bizRig) bizMessage(from telegramtest.User, id int, at time.Time, text string) map[string]any {
	return map[string]any{"business_connection_id": bizConn, "message_id": id, "date": at.Unix(),
		"from": userObject(from), "chat": privateChat(client), "text": text}
}

// clientWrites pushes a business_message from the client.
func (r *bizRig) clientWrites(id int, text string) {
	r.push(map[string]any{"business_message": r.bizMessage(client, id, r.clock.Now(), text)})
}

// ownerWrites pushes a business_message the salon typed on its phone in the client's chat.
func (r *bizRig) ownerWrites(id int, text string) {
	r.push(map[string]any{"business_message": r.bizMessage(owner, id, r.clock.Now(), text)})
}

// edits pushes an edited_business_message.
func (r *bizRig) edits(from telegramtest.User, id int, sent time.Time, text string) {
	m := r.bizMessage(from, id, sent, text)
	m["edit_date"] = r.clock.Now().Unix()
	r.push(map[string]any{"edited_business_message": m})
}

// deletes pushes a deleted_business_messages update of the client's chat.
func (r *bizRig) deletes(ids ...int) {
	r.push(map[string]any{"deleted_business_messages": map[string]any{
		"business_connection_id": bizConn, "chat": privateChat(client), "message_ids": ids}})
}

func userObject(u telegramtest.User) map[string]any {
	return map[string]any{"id": u.ID, "is_bot": false, "first_name": u.FirstName, "last_name": u.LastName,
		"username": u.Username, "language_code": "ru"}
}

func privateChat(u telegramtest.User) map[string]any {
	return map[string]any{"id": u.ID, "type": "private", "first_name": u.FirstName, "last_name": u.LastName,
		"username": u.Username}
}

// chat returns the stored chat of a peer.
func (r *bizRig) chat(peer inbox.PeerID) inbox.Chat {
	r.t.Helper()
	var c inbox.Chat
	var ok bool
	err := r.svc.Store().View(func(tx inbox.ReadTx) (err error) {
		c, ok, err = tx.ChatByPeer(r.acc.ID, peer)
		return err
	})
	if err != nil || !ok {
		r.t.Fatalf("chat %s: ok=%v, %v", peer, ok, err)
	}
	return c
}

// messages returns a chat's messages, system notes left out.
func (r *bizRig) messages(chat inbox.ChatID) []inbox.Message {
	r.t.Helper()
	all, err := r.svc.Messages(chat, 0, 1000)
	if err != nil {
		r.t.Fatal(err)
	}
	var ms []inbox.Message
	for _, m := range all {
		if m.Direction != inbox.DirSystem {
			ms = append(ms, m)
		}
	}
	return ms
}

// byExternal finds a chat's message by its Telegram id (a received message's id or a
// sent one's delivery id).
func (r *bizRig) byExternal(chat inbox.ChatID, ext inbox.ExternalID) inbox.Message {
	r.t.Helper()
	var id inbox.MessageID
	var ok bool
	err := r.svc.Store().View(func(tx inbox.ReadTx) (err error) {
		id, ok, err = tx.MessageByExternal(chat, ext)
		return err
	})
	if err != nil || !ok {
		r.t.Fatalf("message %s of chat %d: ok=%v, %v", ext, chat, ok, err)
	}
	m, err := r.svc.Message(id)
	if err != nil {
		r.t.Fatal(err)
	}
	return m
}

func (r *bizRig) dialog(id inbox.DialogID) inbox.Dialog {
	r.t.Helper()
	row, err := r.svc.Row(id)
	if err != nil {
		r.t.Fatal(err)
	}
	return row.Dialog
}

func (r *bizRig) delivery(id inbox.MessageID) inbox.Delivery {
	r.t.Helper()
	m, err := r.svc.Message(id)
	if err != nil {
		r.t.Fatal(err)
	}
	if m.Delivery == nil {
		r.t.Fatalf("message %d has no delivery", id)
	}
	return *m.Delivery
}

// clientChat starts SalonChat with the salon's account connected and returns the chat of
// the client's first message through it.
func (r *bizRig) clientChat(id int, text string) inbox.Chat {
	r.t.Helper()
	r.start()
	r.connect(canReplyConn)
	r.clientWrites(id, text)
	r.settle()
	return r.chat(clientPeer)
}

// checkBotHealthy checks that the bot's own health stayed ok: a connection's trouble is
// shown on the connection, never on the bot.
func (r *bizRig) checkBotHealthy() {
	r.t.Helper()
	if h := r.account().Health; h.State != inbox.HealthOK {
		r.t.Errorf("the bot's health = %+v; want ok", h)
	}
}

// canReplyConn is the salon's account letting the bot reply in its chats.
var canReplyConn = telegramtest.BusinessConnection{ID: bizConn, User: owner, Date: 1764000000, CanReply: true, Enabled: true}

func TestBusinessE2E_ConnectionStates(t *testing.T) {
	r := newBizRig(t)
	r.start()

	c := r.connect(canReplyConn)
	want := inbox.Connection{Account: r.acc.ID, ID: bizConn, UserID: telegram.MakePeerID(ownerID), Name: "Салон Лотос",
		Username: "lotos_salon", CanReply: true, Enabled: true, ReplyWindow: 24 * time.Hour, Updated: r.clock.Now()}
	if c != want {
		t.Errorf("kept connection:\n got %+v\nwant %+v", c, want)
	}
	if p := c.Problem(); p != "" {
		t.Errorf("enabled connection with reply rights: Problem() = %q", p)
	}
	if cs, err := r.svc.Connections(r.acc.ID); err != nil || len(cs) != 1 || cs[0] != want {
		t.Errorf("Connections = %+v, %v", cs, err)
	}

	off := canReplyConn
	off.Enabled = false
	if p := r.connect(off).Problem(); p != "connection.disabled" {
		t.Errorf("disabled connection: Problem() = %q", p)
	}

	noRights := canReplyConn
	noRights.CanReply = false
	if p := r.connect(noRights).Problem(); p != "connection.no_reply_rights" {
		t.Errorf("connection without reply rights: Problem() = %q", p)
	}
	// The same connection changed; it is kept once.
	if cs, _ := r.svc.Connections(r.acc.ID); len(cs) != 1 {
		t.Errorf("Connections = %+v, want the one connection", cs)
	}
	// A server before Bot API 9.0 says can_reply at the top level.
	legacy := canReplyConn
	legacy.Legacy = true
	if c := r.connect(legacy); !c.CanReply || c.Problem() != "" {
		t.Errorf("legacy connection with can_reply: %+v, Problem() = %q", c, c.Problem())
	}
	r.checkBotHealthy()
	for _, kind := range []string{"business_connection", "business_message", "edited_business_message", "deleted_business_messages"} {
		if !strings.Contains(r.srv.AllowedUpdates(), `"`+kind+`"`) {
			t.Errorf("allowed_updates %s lacks %s", r.srv.AllowedUpdates(), kind)
		}
	}
}

func (r *bizRig) account() inbox.Account {
	r.t.Helper()
	as, err := r.svc.Accounts()
	if err != nil {
		r.t.Fatal(err)
	}
	for _, a := range as {
		if a.ID == r.acc.ID {
			return a
		}
	}
	r.t.Fatalf("account %d gone", r.acc.ID)
	return inbox.Account{}
}

// TestBusinessE2E_Conversation is one conversation through the salon's account: the
// client writes, the owner answers on the phone, an operator answers from SalonChat,
// messages are edited and deleted in Telegram.
func TestBusinessE2E_Conversation(t *testing.T) {
	r := newBizRig(t)
	r.start()
	r.connect(canReplyConn)

	// The same person wrote to the bot before, and that chat is the client's.
	r.push(map[string]any{"message": map[string]any{"message_id": 11, "date": r.clock.Now().Unix(),
		"from": userObject(client), "chat": privateChat(client), "text": "Вы работаете в воскресенье?"}})
	r.settle()
	botChat := r.chat(telegram.MakePeerID(clientID))
	cl, err := r.svc.CreateClientFromChat(r.op.ID, botChat.ID)
	if err != nil {
		t.Fatal(err)
	}

	// 2. The client writes to the salon's account.
	r.clock.Advance(time.Minute)
	clientSent := r.clock.Now()
	r.clientWrites(101, "Здравствуйте! Можно записаться на маникюр в субботу?")
	r.settle()
	c := r.chat(clientPeer)
	if c.Via != bizConn || c.Peer != clientPeer || c.Client != cl.ID {
		t.Errorf("business chat: Via %q, Peer %q, Client %d; want %q, %q, %d (the bot chat's client)",
			c.Via, c.Peer, c.Client, bizConn, clientPeer, cl.ID)
	}
	if c.ID == botChat.ID {
		t.Fatal("the business chat is the bot chat")
	}
	if err := r.svc.CanReply(c.ID); err != nil {
		t.Errorf("CanReply right after the client wrote: %v", err)
	}
	first := r.byExternal(c.ID, telegram.MakeMessageID(101))
	if first.Direction != inbox.DirInbound || first.Elsewhere {
		t.Errorf("client's message: %+v", first)
	}
	d := r.dialog(first.Dialog)
	if !d.Awaiting || d.Unread != 1 {
		t.Errorf("after the client's message: Awaiting %v, Unread %d; want Без ответа, 1 unread", d.Awaiting, d.Unread)
	}

	// 3. The owner answers on the phone.
	r.clock.Advance(time.Minute)
	r.ownerWrites(102, "Здравствуйте, Мария! Да, в 12:00 свободно.")
	r.settle()
	phone := r.byExternal(c.ID, telegram.MakeMessageID(102))
	if phone.Direction != inbox.DirOutbound || !phone.Elsewhere || phone.Author != 0 {
		t.Errorf("owner's phone reply: Direction %v, Elsewhere %v, Author %d; want outbound, elsewhere, no author",
			phone.Direction, phone.Elsewhere, phone.Author)
	}
	if phone.Dialog != first.Dialog {
		t.Errorf("owner's reply in dialog %d, the client's in %d", phone.Dialog, first.Dialog)
	}
	// An answer, from the phone as from SalonChat, is not a client's message: it clears
	// the unread count rather than adding to it.
	d = r.dialog(first.Dialog)
	if d.Awaiting || d.Unread != 0 || d.PreviewDirection != inbox.DirOutbound {
		t.Errorf("after the owner's reply: Awaiting %v, Unread %d, preview %v; want answered, 0 unread, outbound",
			d.Awaiting, d.Unread, d.PreviewDirection)
	}
	if c := r.chat(clientPeer); c.Client != cl.ID {
		t.Errorf("owner's reply moved the chat to client %d", c.Client)
	}

	// 4. An operator answers from SalonChat: it goes out as the salon's account, and
	// Telegram's echo of it is not stored again.
	sentBefore := len(r.srv.Sent())
	const replyText = "Записала вас на субботу, 12:00. До встречи!"
	reply, err := r.svc.Send(r.op.ID, inbox.Outgoing{Chat: c.ID, Text: replyText})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	conntest.WaitFor(t, waitTime, "reply sent", func() bool { return r.delivery(reply.ID).State == inbox.Sent })
	sent := r.srv.Sent()[sentBefore:]
	if len(sent) != 1 || sent[0].BusinessConnectionID != bizConn || sent[0].ChatID != clientID || sent[0].Text != replyText {
		t.Fatalf("the server got %+v; want one message to chat %d with business_connection_id %s", sent, clientID, bizConn)
	}
	r.settle() // the echo, with sender_business_bot, is taken and confirmed
	n := 0
	for _, m := range r.messages(c.ID) {
		if m.Text == replyText {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the reply is stored %d times; want once (the echo is not a message)", n)
	}
	if got := r.delivery(reply.ID).ExternalID; got != telegram.MakeMessageID(sent[0].MessageID) {
		t.Errorf("the reply's Telegram id = %q, want %d", got, sent[0].MessageID)
	}
	// A reply over 4 096 characters goes as two Telegram messages; the store knows only
	// the last one's id, so only the connector's skipping keeps the first part's echo out.
	long := strings.Repeat("Подготовка к процедуре: приходите без лака. ", 120)
	longReply, err := r.svc.Send(r.op.ID, inbox.Outgoing{Chat: c.ID, Text: long})
	if err != nil {
		t.Fatalf("Send long: %v", err)
	}
	conntest.WaitFor(t, waitTime, "long reply sent", func() bool { return r.delivery(longReply.ID).State == inbox.Sent })
	if parts := r.srv.Sent()[sentBefore+1:]; len(parts) != 2 || parts[0].BusinessConnectionID != bizConn || parts[1].BusinessConnectionID != bizConn {
		t.Errorf("the long reply went as %d parts (%+v); want 2, both through the connection", len(parts), parts)
	}
	r.settle()
	if ms := r.messages(c.ID); len(ms) != 4 {
		t.Errorf("the chat has %d messages after two replies from SalonChat, want 4 (client, phone, 2 replies): %+v", len(ms), ms)
	}

	// 5. Edits are revisions, deletions marks; content stays.
	r.clock.Advance(time.Minute)
	r.edits(client, 101, clientSent, "Здравствуйте! Можно записаться на маникюр и педикюр в субботу?")
	r.settle()
	edited := r.byExternal(c.ID, telegram.MakeMessageID(101))
	if len(edited.Revisions) != 1 || edited.Text != first.Text ||
		edited.Revisions[0].Text != "Здравствуйте! Можно записаться на маникюр и педикюр в субботу?" {
		t.Errorf("client's edit: Text %q, Revisions %+v", edited.Text, edited.Revisions)
	}
	if ms := r.messages(c.ID); len(ms) != 4 {
		t.Errorf("after the edit the chat has %d messages, want 4 (client, phone, 2 from SalonChat)", len(ms))
	}

	// The owner corrects the phone reply: a revision of the outbound message.
	r.edits(owner, 102, clientSent, "Здравствуйте, Мария! Да, в 12:30 свободно.")
	r.settle()
	if e := r.byExternal(c.ID, telegram.MakeMessageID(102)); len(e.Revisions) != 1 || e.Text != phone.Text ||
		e.Revisions[0].Text != "Здравствуйте, Мария! Да, в 12:30 свободно." || !e.Elsewhere {
		t.Errorf("owner's edit: %+v", e)
	}

	r.deletes(101, 102, sent[0].MessageID)
	r.settle()
	for _, m := range []inbox.Message{first, phone, reply} {
		got, err := r.svc.Message(m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Deleted.IsZero() {
			t.Errorf("message %d (%q) not marked deleted", m.ID, m.Text)
		}
		if got.Text != m.Text {
			t.Errorf("deleted message %d: text %q, want %q kept", m.ID, got.Text, m.Text)
		}
	}
	// The thread as the dialog shows it carries the marks and the revisions too.
	ms := r.messages(c.ID)
	if len(ms) != 4 {
		t.Fatalf("after deletions the chat has %d messages, want the 4 kept", len(ms))
	}
	for i, want := range []struct {
		deleted bool
		revs    int
	}{{true, 1}, {true, 1}, {true, 0}, {false, 0}} {
		if got := ms[i]; got.Deleted.IsZero() == want.deleted || len(got.Revisions) != want.revs {
			t.Errorf("thread message %d (%.30q): Deleted %v, %d revisions; want deleted %v, %d revisions",
				i, got.Text, got.Deleted, len(got.Revisions), want.deleted, want.revs)
		}
	}
	r.checkBotHealthy()
}

// TestBusinessE2E_ReplyWindow: 24 hours after the client's last message Telegram takes
// no reply; SalonChat refuses before storing, and fails a reply that waited in the queue
// past the window without sending it.
func TestBusinessE2E_ReplyWindow(t *testing.T) {
	r := newBizRig(t)
	c := r.clientChat(201, "Подскажите цену на стрижку")

	// Queued within the window while nothing sends (SalonChat closed, the message left
	// by `salonchat send`).
	r.stop()
	r.clock.Advance(23 * time.Hour)
	queued, err := r.svc.Send(r.op.ID, inbox.Outgoing{Chat: c.ID, Text: "Стрижка — 1500 ₽"})
	if err != nil {
		t.Fatalf("Send within the window: %v", err)
	}
	if d := r.delivery(queued.ID); d.State != inbox.Queued {
		t.Fatalf("delivery %+v, want queued", d)
	}

	r.clock.Advance(2 * time.Hour)
	before := len(r.messages(c.ID))
	_, err = r.svc.Send(r.op.ID, inbox.Outgoing{Chat: c.ID, Text: "Вы ещё тут?"})
	if key, _ := inbox.ErrorKey(err); key != "send.reply_window_closed" {
		t.Errorf("Send after 25 hours: %v (key %q), want send.reply_window_closed", err, key)
	}
	if after := len(r.messages(c.ID)); after != before {
		t.Errorf("a refused reply was stored: %d messages, had %d", after, before)
	}

	sentBefore := len(r.srv.Sent())
	r.start()
	conntest.WaitFor(t, waitTime, "queued reply failed", func() bool { return r.delivery(queued.ID).State == inbox.Failed })
	if d := r.delivery(queued.ID); d.Reason != "send.reply_window_closed" {
		t.Errorf("queued reply failed with %q, want send.reply_window_closed", d.Reason)
	}
	if s := r.srv.Sent()[sentBefore:]; len(s) != 0 {
		t.Errorf("the server received %+v after the window closed", s)
	}
	// The client writes again: the window opens, and retrying the failed reply sends it.
	r.clientWrites(202, "Алло?")
	r.settle()
	if err := r.svc.Retry(queued.ID); err != nil {
		t.Fatalf("Retry after the client wrote again: %v", err)
	}
	conntest.WaitFor(t, waitTime, "retried reply sent", func() bool { return r.delivery(queued.ID).State == inbox.Sent })
	if s := r.srv.Sent()[sentBefore:]; len(s) != 1 || s[0].BusinessConnectionID != bizConn {
		t.Errorf("the server received %+v, want the retried reply through the connection", s)
	}
}

// TestBusinessE2E_Restart: a new run learns the stored connection, so the owner's next
// message is told from a client's without asking Telegram.
func TestBusinessE2E_Restart(t *testing.T) {
	r := newBizRig(t)
	r.start()
	r.connect(canReplyConn)
	r.clientWrites(301, "Добрый день, есть окошко завтра?")
	r.settle()
	r.stop()
	r.close()

	r.open()
	r.start()
	r.clock.Advance(time.Minute)
	r.ownerWrites(302, "Да, в 15:00.")
	r.settle()
	c := r.chat(clientPeer)
	m := r.byExternal(c.ID, telegram.MakeMessageID(302))
	if !m.Elsewhere || m.Direction != inbox.DirOutbound || m.Author != 0 {
		t.Errorf("owner's message after a restart: Direction %v, Elsewhere %v, Author %d", m.Direction, m.Elsewhere, m.Author)
	}
	if n := r.srv.Calls("getBusinessConnection"); n != 0 {
		t.Errorf("getBusinessConnection called %d times; the stored connection should do", n)
	}
	if d := r.dialog(m.Dialog); d.Awaiting {
		t.Error("the owner's reply after a restart left the dialog Без ответа")
	}
	// The client's last message, kept on disk, still opens and closes the reply window:
	// the owner's message does not reopen it.
	if err := r.svc.CanReply(c.ID); err != nil {
		t.Errorf("CanReply after a restart: %v", err)
	}
	r.clock.Advance(24*time.Hour - 30*time.Second) // past the client's message, not the owner's
	if key, _ := inbox.ErrorKey(r.svc.CanReply(c.ID)); key != "send.reply_window_closed" {
		t.Errorf("CanReply 24 hours after the client's message: key %q, want send.reply_window_closed", key)
	}
}

// TestBusinessE2E_Refusals: a connection the salon disabled, or that may not reply,
// refuses in SalonChat before anything is stored; a refusal only Telegram knows of fails
// the reply with Telegram's reason, and neither touches the bot's own health.
func TestBusinessE2E_Refusals(t *testing.T) {
	r := newBizRig(t)
	c := r.clientChat(401, "Можно перенести запись?")

	// Telegram's own word: the window closed by its clock.
	r.srv.Fail("sendMessage", telegramtest.Failure{Code: 400, Description: "Bad Request: BUSINESS_PEER_USAGE_MISSING"})
	m, err := r.svc.Send(r.op.ID, inbox.Outgoing{Chat: c.ID, Text: "Да, на какое время?"})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	conntest.WaitFor(t, waitTime, "reply failed", func() bool { return r.delivery(m.ID).State == inbox.Failed })
	if d := r.delivery(m.ID); d.Reason != "telegram.business.window_closed" {
		t.Errorf("refused by Telegram: reason %q, want telegram.business.window_closed", d.Reason)
	}

	for _, tc := range []struct {
		name string
		conn telegramtest.BusinessConnection
		key  string
	}{
		{"disabled", telegramtest.BusinessConnection{ID: bizConn, User: owner, CanReply: true}, "send.connection_disabled"},
		{"no reply rights", telegramtest.BusinessConnection{ID: bizConn, User: owner, Enabled: true}, "send.connection_no_reply"},
	} {
		r.connect(tc.conn)
		before, sent := len(r.messages(c.ID)), len(r.srv.Sent())
		_, err := r.svc.Send(r.op.ID, inbox.Outgoing{Chat: c.ID, Text: "Перезвоню вам"})
		if key, _ := inbox.ErrorKey(err); key != tc.key {
			t.Errorf("%s: Send = %v (key %q), want %s", tc.name, err, key, tc.key)
		}
		if key, _ := inbox.ErrorKey(r.svc.CanReply(c.ID)); key != tc.key {
			t.Errorf("%s: CanReply key %q, want %s", tc.name, key, tc.key)
		}
		if key, _ := inbox.ErrorKey(r.svc.Retry(m.ID)); key != tc.key {
			t.Errorf("%s: Retry key %q, want %s", tc.name, key, tc.key)
		}
		if n := len(r.messages(c.ID)); n != before {
			t.Errorf("%s: a refused reply was stored (%d messages, had %d)", tc.name, n, before)
		}
		if n := len(r.srv.Sent()); n != sent {
			t.Errorf("%s: the server received %d more messages", tc.name, n-sent)
		}
	}

	// Allowed again in Telegram's settings: the failed reply goes out on retry.
	r.connect(canReplyConn)
	if err := r.svc.Retry(m.ID); err != nil {
		t.Fatalf("Retry: %v", err)
	}
	conntest.WaitFor(t, waitTime, "retried reply sent", func() bool { return r.delivery(m.ID).State == inbox.Sent })
	if s := r.srv.Sent(); len(s) != 1 || s[0].BusinessConnectionID != bizConn {
		t.Errorf("the server received %+v, want the one retried reply through the connection", s)
	}
	r.checkBotHealthy()
}

// TestBusinessE2E_UnknownConnection: a business message of a connection SalonChat has not
// heard of (connected before SalonChat kept connections, or its update was lost) makes
// the connector ask Telegram once; the answer is kept and tells the owner from a client.
func TestBusinessE2E_UnknownConnection(t *testing.T) {
	r := newBizRig(t)
	r.srv.SetBusinessConnection(canReplyConn) // known to Telegram, no update queued
	r.start()
	r.clientWrites(501, "Здравствуйте")
	r.clock.Advance(time.Minute)
	r.ownerWrites(502, "Добрый день!")
	r.settle()
	if n := r.srv.Calls("getBusinessConnection"); n != 1 {
		t.Errorf("getBusinessConnection called %d times, want once", n)
	}
	cs, err := r.svc.Connections(r.acc.ID)
	if err != nil || len(cs) != 1 || cs[0].UserID != telegram.MakePeerID(ownerID) || !cs[0].CanReply || !cs[0].Enabled {
		t.Fatalf("Connections = %+v, %v; want the one Telegram told of", cs, err)
	}
	c := r.chat(clientPeer)
	if in := r.byExternal(c.ID, telegram.MakeMessageID(501)); in.Direction != inbox.DirInbound {
		t.Errorf("client's message stored as %v", in.Direction)
	}
	if own := r.byExternal(c.ID, telegram.MakeMessageID(502)); !own.Elsewhere || own.Direction != inbox.DirOutbound {
		t.Errorf("owner's message: Direction %v, Elsewhere %v", own.Direction, own.Elsewhere)
	}
	if err := r.svc.CanReply(c.ID); err != nil {
		t.Errorf("CanReply: %v", err)
	}
}

// TestBusinessE2E_OneAnswer: a connection, a message, its edit and its deletion that
// waited at Telegram while SalonChat was closed come in one getUpdates answer; they are
// stored in Telegram's order.
func TestBusinessE2E_OneAnswer(t *testing.T) {
	r := newBizRig(t)
	r.srv.PushBusinessConnection(canReplyConn)
	sentAt := r.clock.Now()
	r.clientWrites(601, "Запишите меня на вторник")
	r.clock.Advance(time.Minute)
	r.edits(client, 601, sentAt, "Запишите меня на среду")
	r.deletes(601)
	r.start()
	r.settle()
	if n := r.srv.Calls("getBusinessConnection"); n != 0 {
		t.Errorf("getBusinessConnection called %d times; the connection came in the same answer", n)
	}
	c := r.chat(clientPeer)
	m := r.byExternal(c.ID, telegram.MakeMessageID(601))
	if m.Text != "Запишите меня на вторник" || len(m.Revisions) != 1 || m.Revisions[0].Text != "Запишите меня на среду" || m.Deleted.IsZero() {
		t.Errorf("message after edit and deletion in one answer: Text %q, Revisions %+v, Deleted %v", m.Text, m.Revisions, m.Deleted)
	}
	if ms := r.messages(c.ID); len(ms) != 1 {
		t.Errorf("the chat has %d messages, want 1", len(ms))
	}
}

// TestBusinessE2E_GoneConnection: Telegram no longer knows a connection whose messages
// still come (removed meanwhile). Nothing is lost: the messages are stored, the owner's
// told by its sender, and SalonChat refuses to answer as through a removed connection.
func TestBusinessE2E_GoneConnection(t *testing.T) {
	r := newBizRig(t)
	r.start()
	r.clientWrites(701, "Вы тут?")
	r.clock.Advance(time.Minute)
	r.ownerWrites(702, "Да")
	r.settle()
	if cs, err := r.svc.Connections(r.acc.ID); err != nil || len(cs) != 0 {
		t.Errorf("Connections = %+v, %v; Telegram told of none", cs, err)
	}
	c := r.chat(clientPeer)
	if c.Via != bizConn {
		t.Errorf("chat Via %q", c.Via)
	}
	if in := r.byExternal(c.ID, telegram.MakeMessageID(701)); in.Direction != inbox.DirInbound {
		t.Errorf("client's message stored as %v", in.Direction)
	}
	if own := r.byExternal(c.ID, telegram.MakeMessageID(702)); !own.Elsewhere {
		t.Errorf("owner's message not marked typed elsewhere: %+v", own)
	}
	_, err := r.svc.Send(r.op.ID, inbox.Outgoing{Chat: c.ID, Text: "Ответ"})
	if key, _ := inbox.ErrorKey(err); key != "send.connection_disabled" {
		t.Errorf("Send through a connection Telegram does not know: %v (key %q)", err, key)
	}
	r.checkBotHealthy()
}

// TestBusinessE2E_SamePersonReverse: most clients write to the salon's account first and
// get their card from that chat; when the same person later writes to the bot, the bot
// chat belongs to the same client.
func TestBusinessE2E_SamePersonReverse(t *testing.T) {
	r := newBizRig(t)
	biz := r.clientChat(801, "Здравствуйте, хочу записаться")
	cl, err := r.svc.CreateClientFromChat(r.op.ID, biz.ID)
	if err != nil {
		t.Fatal(err)
	}
	r.clock.Advance(time.Minute)
	r.push(map[string]any{"message": map[string]any{"message_id": 12, "date": r.clock.Now().Unix(),
		"from": userObject(client), "chat": privateChat(client), "text": "Это я, Мария, пишу боту"}})
	r.settle()
	if bot := r.chat(telegram.MakePeerID(clientID)); bot.Client != cl.ID {
		t.Errorf("the person's bot chat: client %d; want %d, the client of their chat with the salon's account", bot.Client, cl.ID)
	}
}
