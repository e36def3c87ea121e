package telegram_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"salonchat/connectors/internal/conntest"
	"salonchat/connectors/telegram"
	"salonchat/connectors/telegram/telegramtest"
	"salonchat/inbox"
)

// The salon's own Telegram account, connected to the bot, and the connection's id as in
// testdata/business_*.json.
const (
	salonUser = 5550007777
	connID    = inbox.ConnectionID("BGPp-ZLvQkUQAAAAJZ4bNlW7aRg")
)

var salonAccount = telegramtest.User{ID: salonUser, FirstName: "Салон", LastName: "Лотос", Username: "lotos_salon"}

// bizSink is the connectors' manager in miniature with Telegram Business: it stores
// through conntest.Sink and records every Inbound, connection and deletion it is given.
type bizSink struct {
	*conntest.Sink

	mu        sync.Mutex
	known     []inbox.Connection // what Connections returns: kept by an earlier run
	received  []inbox.Inbound
	conns     []inbox.Connection // SetConnection calls, in order
	deletions []deletion
	failSet   int // SetConnection fails this many more times (a full disk)
}

type deletion struct {
	peer inbox.PeerID
	ids  []inbox.ExternalID
}

var _ inbox.BusinessSink = (*bizSink)(nil)

func (s *bizSink) Receive(in inbox.Inbound) (inbox.ReceiveResult, error) {
	res, err := s.Sink.Receive(in)
	if err == nil {
		s.mu.Lock()
		s.received = append(s.received, in)
		s.mu.Unlock()
	}
	return res, err
}

func (s *bizSink) SetConnection(c inbox.Connection) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failSet > 0 {
		s.failSet--
		return errors.New("disk full")
	}
	s.conns = append(s.conns, c)
	return nil
}

func (s *bizSink) Connections() ([]inbox.Connection, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.known), nil
}

func (s *bizSink) Deleted(peer inbox.PeerID, ids []inbox.ExternalID, at time.Time) error {
	if at.IsZero() {
		return errors.New("deleted at zero time")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deletions = append(s.deletions, deletion{peer, ids})
	return nil
}

func (s *bizSink) inbounds() []inbox.Inbound {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.received)
}

func (s *bizSink) connections() []inbox.Connection {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.conns)
}

func (s *bizSink) deleted() []deletion {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.deletions)
}

// waitInbound waits for the Inbound with this network id.
func (s *bizSink) waitInbound(t *testing.T, ext inbox.ExternalID) inbox.Inbound {
	t.Helper()
	var found inbox.Inbound
	conntest.WaitFor(t, 10*time.Second, "message "+string(ext), func() bool {
		for _, in := range s.inbounds() {
			if in.ExternalID == ext {
				found = in
				return true
			}
		}
		return false
	})
	return found
}

// newBusinessEnv is an env whose sink keeps business connections; known are the
// connections an earlier run stored.
func newBusinessEnv(t *testing.T, known ...inbox.Connection) (*env, *bizSink) {
	e := newEnv(t, nil)
	return e, &bizSink{Sink: e.sink, known: known}
}

// runWith queues testdata updates and runs the connector with the business sink.
func (e *env) runWith(s *bizSink, testdata ...string) {
	for _, name := range testdata {
		e.srv.Push(conntest.Testdata(e.t, name))
	}
	conntest.Run(e.t, e.connector(), s, 10*time.Second)
}

// storedConnection is the salon's connection as an earlier run stored it.
func storedConnection() inbox.Connection {
	return inbox.Connection{ID: connID, UserID: telegram.MakePeerID(salonUser), Name: "Салон Лотос", Username: "lotos_salon",
		CanReply: true, Enabled: true, ReplyWindow: 24 * time.Hour}
}

var annaBusiness = telegram.MakeBusinessPeerID(anna, connID)

func TestBusiness_Connections(t *testing.T) {
	e, s := newBusinessEnv(t)
	cases := []struct {
		conn              telegramtest.BusinessConnection
		canReply, enabled bool
		problem           string
	}{
		{telegramtest.BusinessConnection{ID: "conn-enabled", User: salonAccount, Date: 1764150000, CanReply: true, Enabled: true}, true, true, ""},
		{telegramtest.BusinessConnection{ID: "conn-disabled", User: salonAccount, Date: 1764150000, CanReply: true, Enabled: false}, true, false, "connection.disabled"},
		{telegramtest.BusinessConnection{ID: "conn-no-reply", User: salonAccount, Date: 1764150000, CanReply: false, Enabled: true}, false, true, "connection.no_reply_rights"},
		{telegramtest.BusinessConnection{ID: "conn-legacy", User: salonAccount, Date: 1764150000, CanReply: true, Enabled: true, Legacy: true}, true, true, ""},
		{telegramtest.BusinessConnection{ID: "conn-legacy-no-reply", User: salonAccount, Date: 1764150000, Enabled: true, Legacy: true}, false, true, "connection.no_reply_rights"},
	}
	for _, c := range cases {
		e.srv.PushBusinessConnection(c.conn)
	}
	conntest.Run(t, e.connector(), s, 10*time.Second)
	conntest.WaitFor(t, 10*time.Second, "every connection stored", func() bool { return len(s.connections()) == len(cases) })
	conntest.WaitFor(t, 5*time.Second, "all updates confirmed", func() bool { return e.srv.Pending() == 0 })
	got := s.connections()
	for i, c := range cases {
		g := got[i]
		if g.ID != inbox.ConnectionID(c.conn.ID) || g.UserID != telegram.MakePeerID(salonUser) || g.Name != "Салон Лотос" || g.Username != "lotos_salon" ||
			g.CanReply != c.canReply || g.Enabled != c.enabled || g.ReplyWindow != 24*time.Hour || g.Updated.IsZero() {
			t.Errorf("connection %s stored as %+v; want can reply %v, enabled %v, 24 h window", c.conn.ID, g, c.canReply, c.enabled)
		}
		if p := g.Problem(); p != c.problem {
			t.Errorf("connection %s: problem %q; want %q", c.conn.ID, p, c.problem)
		}
	}
	if h := s.Health(); h.State != inbox.HealthOK {
		t.Errorf("health %+v; a disabled connection is no trouble of the bot's", h)
	}
}

func TestBusiness_ClientMessages(t *testing.T) {
	e, s := newBusinessEnv(t, storedConnection())
	photo := make([]byte, 36870)
	rand.Read(photo)
	e.srv.AddFile("AgACAgIAAxkBAAIBbizPhoto-x", "AQADbizlarge", "photos/file_9.jpg", photo)
	e.srv.Push(conntest.Testdata(t, "business_message.json"))
	e.srv.Push(conntest.Testdata(t, "business_photo.json"))
	e.pushText(anna, 101, "А это я пишу боту") // the same person's chat with the bot
	conntest.Run(t, e.connector(), s, 10*time.Second)

	text := s.waitInbound(t, "201")
	pic := s.waitInbound(t, "202")
	bot := s.waitInbound(t, "101")
	for _, in := range []inbox.Inbound{text, pic} {
		if in.Peer != annaBusiness || in.Via != connID || in.SamePersonAs != telegram.MakePeerID(anna) || in.FromAccount {
			t.Errorf("message %s: peer %q via %q same person %q from account %v; want %q via %q, same person as %q, from the client",
				in.ExternalID, in.Peer, in.Via, in.SamePersonAs, in.FromAccount, annaBusiness, connID, telegram.MakePeerID(anna))
		}
		if in.ChatName != "Анна Смирнова" || in.Username != "anna_smirnova" {
			t.Errorf("message %s: name %q username %q", in.ExternalID, in.ChatName, in.Username)
		}
	}
	if annaBusiness == bot.Peer {
		t.Errorf("the business chat and the bot chat share the peer %q", bot.Peer)
	}
	// The bot chat names the person's chat through the one connection, so that it joins
	// the client that chat may already have.
	if bot.Via != "" || bot.SamePersonAs != annaBusiness || bot.FromAccount {
		t.Errorf("bot chat message: %+v; want no Via, not from the account, same person as %q", bot, annaBusiness)
	}
	if text.Text != "Добрый день! Есть окно на стрижку завтра после 18?" || !text.At.Equal(time.Unix(1764158400, 0)) {
		t.Errorf("text message: %q at %v", text.Text, text.At)
	}
	if len(pic.Attachments) != 1 || pic.Text != "Хочу примерно так" {
		t.Fatalf("photo message: text %q attachments %+v", pic.Text, pic.Attachments)
	}
	checkFile(t, e.opts.DataDir, e.acc.ID, pic.Attachments[0], photo)
	if n := e.srv.Calls("getBusinessConnection"); n != 0 {
		t.Errorf("getBusinessConnection called %d times for a stored connection", n)
	}
	if ms := e.sink.Messages(t, annaBusiness); len(ms) != 2 {
		t.Errorf("business chat has %d messages; want 2", len(ms))
	}
}

// With several connections the person's business chat is not known: the bot chat names
// none.
func TestBusiness_BotChatTwinOnlyWithOneConnection(t *testing.T) {
	other := storedConnection()
	other.ID, other.UserID = "CDEF-second-salon", telegram.MakePeerID(5550008888)
	e, s := newBusinessEnv(t, storedConnection(), other)
	e.pushText(anna, 102, "Пишу боту")
	conntest.Run(t, e.connector(), s, 10*time.Second)
	if in := s.waitInbound(t, "102"); in.SamePersonAs != "" {
		t.Errorf("bot chat message with two connections: same person as %q; want none", in.SamePersonAs)
	}
}

func TestBusiness_OwnerTypedInTelegram(t *testing.T) {
	e, s := newBusinessEnv(t, storedConnection())
	e.runWith(s, "business_owner_reply.json", "business_owner_contact.json", "business_other_bot.json")

	reply := s.waitInbound(t, "203")
	if !reply.FromAccount || reply.Peer != annaBusiness || reply.Via != connID || reply.ReplyTo != "201" ||
		reply.Text != "Анна, да, записали вас на 18:30 к Марине." {
		t.Errorf("owner's reply: %+v; want from the account, in Анна's business chat, replying to 201", reply)
	}
	if reply.ChatName != "Анна Смирнова" || reply.Username != "anna_smirnova" {
		t.Errorf("owner's reply names the chat %q @%s; want the client, not the salon", reply.ChatName, reply.Username)
	}
	card := s.waitInbound(t, "204")
	if !card.FromAccount || card.Phone != "" || len(card.Attachments) != 1 || card.Attachments[0].Phone != "74951234567" {
		t.Errorf("salon's own contact card: from account %v, chat phone %q, attachments %+v; want a card that is not the client's phone",
			card.FromAccount, card.Phone, card.Attachments)
	}
	// Another bot the salon used before answered as the account: typed outside SalonChat.
	if other := s.waitInbound(t, "205"); !other.FromAccount {
		t.Errorf("reply by another business bot: %+v; want from the account", other)
	}
}

func TestBusiness_EchoOfOwnReplyNotStoredTwice(t *testing.T) {
	e, s := newBusinessEnv(t, storedConnection())
	e.srv.SetBusinessConnection(telegramtest.BusinessConnection{ID: string(connID), User: salonAccount, CanReply: true, Enabled: true})
	c := e.connector()
	id, err := c.Send(t.Context(), e.businessOutbound(annaBusiness, "", "Анна, ждём вас завтра в 18:30!"))
	if err != nil {
		t.Fatal(err)
	}
	if e.srv.Pending() != 1 {
		t.Fatalf("%d updates queued; want the echo of the reply", e.srv.Pending())
	}
	e.srv.Push(conntest.Testdata(t, "business_message.json")) // the client answers after it
	conntest.Run(t, c, s, 10*time.Second)
	s.waitInbound(t, "201")
	conntest.WaitFor(t, 5*time.Second, "all updates confirmed", func() bool { return e.srv.Pending() == 0 })
	for _, in := range s.inbounds() {
		if in.ExternalID == id {
			t.Errorf("SalonChat's own reply %s came back into the inbox: %+v", id, in)
		}
	}
	if n := len(s.inbounds()); n != 1 {
		t.Errorf("%d messages received; want only the client's", n)
	}
}

func TestBusiness_Edit(t *testing.T) {
	e, s := newBusinessEnv(t, storedConnection())
	e.runWith(s, "business_message.json", "edited_business_message.json")
	edit := s.waitInbound(t, "201@1764158520")
	if edit.EditOf != "201" || edit.Peer != annaBusiness || edit.Via != connID || edit.FromAccount ||
		edit.Text != "Добрый день! Есть окно на стрижку завтра после 19?" || !edit.At.Equal(time.Unix(1764158520, 0)) {
		t.Errorf("edit: %+v", edit)
	}
	ms := e.sink.Messages(t, annaBusiness)
	if len(ms) != 1 || len(ms[0].Revisions) != 1 || ms[0].CurrentText() != edit.Text {
		t.Errorf("business chat after the edit: %+v; want one message with one revision", ms)
	}
}

func TestBusiness_Deletion(t *testing.T) {
	e, s := newBusinessEnv(t, storedConnection())
	e.runWith(s, "business_message.json", "deleted_business_messages.json")
	conntest.WaitFor(t, 10*time.Second, "the deletion", func() bool { return len(s.deleted()) == 1 })
	d := s.deleted()[0]
	if d.peer != annaBusiness || fmt.Sprint(d.ids) != "[201 202]" {
		t.Errorf("Deleted(%q, %v); want (%q, [201 202])", d.peer, d.ids, annaBusiness)
	}
	conntest.WaitFor(t, 5*time.Second, "all updates confirmed", func() bool { return e.srv.Pending() == 0 })
}

func TestBusiness_DeletionWithoutBusinessSink(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.Push(conntest.Testdata(t, "deleted_business_messages.json"))
	e.pushText(anna, 101, "Здравствуйте")
	e.run(e.connector())
	conntest.WaitFor(t, 10*time.Second, "the message after the deletion", func() bool { return e.sink.IsStored(telegram.MakePeerID(anna), "101") })
	conntest.WaitFor(t, 5*time.Second, "all updates confirmed", func() bool { return e.srv.Pending() == 0 })
}

func TestBusiness_UnknownConnectionFetched(t *testing.T) {
	e, s := newBusinessEnv(t) // nothing stored: the connection came before SalonChat kept them
	e.srv.SetBusinessConnection(telegramtest.BusinessConnection{ID: string(connID), User: salonAccount, Date: 1764150000, CanReply: true, Enabled: true})
	e.srv.Fail("getBusinessConnection", telegramtest.Failure{Code: 502, HTML: true}) // Telegram hiccups once
	s.failSet = 1                                                                    // and the disk once
	e.runWith(s, "business_owner_reply.json", "business_message.json")

	reply := s.waitInbound(t, "203")
	s.waitInbound(t, "201")
	if !reply.FromAccount {
		t.Errorf("owner's reply with a fetched connection: %+v; want from the account", reply)
	}
	conns := s.connections()
	if len(conns) == 0 || conns[0].ID != connID || conns[0].UserID != telegram.MakePeerID(salonUser) || !conns[0].CanReply || !conns[0].Enabled {
		t.Errorf("stored connections %+v; want the fetched one", conns)
	}
	if n := e.srv.Calls("getBusinessConnection"); n != 3 {
		t.Errorf("getBusinessConnection called %d times; want 3 (failed, stored refused, stored)", n)
	}
	conntest.WaitFor(t, 5*time.Second, "all updates confirmed", func() bool { return e.srv.Pending() == 0 })
	if twice := s.StoredTwice(); len(twice) != 0 {
		t.Errorf("stored twice: %v", twice)
	}
}

func TestBusiness_ConnectionTelegramDoesNotKnow(t *testing.T) {
	e, s := newBusinessEnv(t) // the server knows no such connection: getBusinessConnection says so
	e.runWith(s, "business_message.json", "business_owner_reply.json")
	if in := s.waitInbound(t, "201"); in.FromAccount || in.Peer != annaBusiness {
		t.Errorf("client's message: %+v", in)
	}
	if in := s.waitInbound(t, "203"); !in.FromAccount {
		t.Errorf("owner's reply: %+v; want from the account (the sender is not the chat's person)", in)
	}
	if len(s.connections()) != 0 {
		t.Errorf("stored connections %+v; want none", s.connections())
	}
}

// businessOutbound is a queued reply in a chat through a business connection.
func (e *env) businessOutbound(peer inbox.PeerID, via inbox.ConnectionID, text string, atts ...inbox.Attachment) inbox.Outbound {
	out := e.outbound(anna, text, atts...)
	out.Chat.Peer, out.Chat.Via = peer, via
	return out
}

func TestBusiness_SendCarriesConnection(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.SetBusinessConnection(telegramtest.BusinessConnection{ID: string(connID), User: salonAccount, CanReply: true, Enabled: true})
	photo := bytes.Repeat([]byte{0xFF, 0xD8, 0xFF}, 3000)
	doc := []byte("%PDF-1.4 прайс")
	c := e.connector()
	out := e.businessOutbound(annaBusiness, connID, "Вот наш прайс и пример работы",
		inbox.Attachment{Kind: inbox.AttachImage, Name: "работа.jpg", Path: e.writeFile("работа.jpg", photo)},
		inbox.Attachment{Kind: inbox.AttachFile, Name: "Прайс.pdf", Path: e.writeFile("price.pdf", doc)})
	out.Message.ReplyTo = "201"
	if _, err := c.Send(t.Context(), out); err != nil {
		t.Fatal(err)
	}
	// A chat whose peer is the plain chat id but which knows its connection goes the
	// same way.
	if _, err := c.Send(t.Context(), e.businessOutbound(telegram.MakePeerID(anna), connID, "Ждём вас!")); err != nil {
		t.Fatal(err)
	}
	sent := e.srv.Sent()
	if len(sent) != 3 {
		t.Fatalf("sent %d messages; want photo, document and text", len(sent))
	}
	for i, want := range []string{"sendPhoto", "sendDocument", "sendMessage"} {
		s := sent[i]
		if s.Method != want || s.ChatID != anna || s.BusinessConnectionID != string(connID) {
			t.Errorf("part %d: %s to %d with business_connection_id %q; want %s to %d through %q", i, s.Method, s.ChatID, s.BusinessConnectionID, want, anna, connID)
		}
	}
	if sent[0].ReplyTo != 201 || !bytes.Equal(sent[0].FileData, photo) || !bytes.Equal(sent[1].FileData, doc) {
		t.Errorf("photo reply to %d, %d bytes; document %d bytes", sent[0].ReplyTo, len(sent[0].FileData), len(sent[1].FileData))
	}
	// The bot's own chat with the same person: no connection.
	if _, err := c.Send(t.Context(), e.outbound(anna, "Это бот салона")); err != nil {
		t.Fatal(err)
	}
	if s := e.srv.Sent()[3]; s.BusinessConnectionID != "" || s.Fields["business_connection_id"] != "" {
		t.Errorf("a reply in the bot's own chat carried business_connection_id %q", s.BusinessConnectionID)
	}
}

func TestBusiness_SendRefused(t *testing.T) {
	cases := []struct {
		name   string
		fail   *telegramtest.Failure // nil: the server does not know the connection
		reason string
	}{
		{"after 24 hours", &telegramtest.Failure{Code: 400, Description: "Bad Request: BUSINESS_PEER_USAGE_MISSING"}, "telegram.business.window_closed"},
		{"connection removed", nil, "telegram.business.connection_gone"},
		{"no reply rights", &telegramtest.Failure{Code: 403, Description: "Forbidden: BOT_ACCESS_FORBIDDEN"}, "telegram.business.no_rights"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, nil)
			if c.fail != nil {
				e.srv.SetBusinessConnection(telegramtest.BusinessConnection{ID: string(connID), User: salonAccount, CanReply: true, Enabled: true})
				e.srv.Fail("sendMessage", *c.fail)
			}
			conn := e.connector()
			e.run(conn)
			e.sink.WaitHealth(t, inbox.HealthOK, "")
			_, err := conn.Send(t.Context(), e.businessOutbound(annaBusiness, connID, "Анна, вы ещё планируете визит?"))
			var se *inbox.SendError
			if !errors.As(err, &se) || !se.Permanent || se.Reason != c.reason {
				t.Fatalf("Send = %v; want a permanent %s", err, c.reason)
			}
			if len(e.srv.Sent()) != 0 {
				t.Errorf("sent %+v", e.srv.Sent())
			}
			if h := e.sink.Health(); h.State != inbox.HealthOK {
				t.Errorf("health %+v after a refused business reply; want ok (the connection's trouble, not the bot's)", h)
			}
		})
	}
}
