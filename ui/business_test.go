package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"salonchat/inbox"
)

// bizSalon is the dialog fixture plus the salon's own Telegram account (@lotos_salon)
// connected to the fixture's bot, and one chat through it: the client's question, the
// owner's reply typed on the phone, and a client's message deleted in Telegram.
type bizSalon struct {
	*dialogSalon
	conn                inbox.Connection
	question, fromPhone inbox.ReceiveResult
	deleted             inbox.ReceiveResult
}

const bizPeer = inbox.PeerID("6001@bc1")

func newBizSalon(t *testing.T) *bizSalon {
	t.Helper()
	s := &bizSalon{dialogSalon: newDialogSalon(t)}
	s.conn = inbox.Connection{Account: s.tg.ID, ID: "bc1", UserID: "9000", Name: "Салон Лотос", Username: "lotos_salon",
		CanReply: true, Enabled: true, ReplyWindow: 24 * time.Hour}
	must(t, s.svc.SetConnection(s.conn))
	biz := func(text string, fromAccount bool) inbox.ReceiveResult {
		return s.receive(inbox.Inbound{Account: s.tg.ID, Peer: bizPeer, Via: "bc1", ChatName: "Вера Орлова",
			Text: text, FromAccount: fromAccount})
	}
	s.question = biz("Здравствуйте! Есть время на педикюр завтра?", false)
	s.fromPhone = biz("Да, в 15:00 свободно", true)
	s.deleted = biz("Ой, перепутала, мне на послезавтра", false)
	ext := inbox.ExternalID("x" + itoa(s.ext))
	must(t, s.svc.MarkDeleted(s.tg.ID, bizPeer, []inbox.ExternalID{ext}, s.clock.Now()))
	s.pump()
	must(t, s.ui.loadAccounts())
	return s
}

// setConnection changes the connection as the connector would and applies the event.
func (s *bizSalon) setConnection(change func(*inbox.Connection)) {
	s.t.Helper()
	change(&s.conn)
	must(s.t, s.svc.SetConnection(s.conn))
	s.pump()
}

func (s *bizSalon) rowOf(id inbox.DialogID) rowView {
	s.t.Helper()
	row, err := s.svc.Row(id)
	must(s.t, err)
	return s.ui.chats.rowView(row, s.clock.Now())
}

func TestBusiness_RowAndHeaderNameTheSalonAccount(t *testing.T) {
	s := newBizSalon(t)
	if v := s.rowOf(s.question.Dialog); v.via != "через @lotos_salon" || v.broken != "" {
		t.Errorf("business chat row: via %q, broken %q; want \"через @lotos_salon\" and no \"!\"", v.via, v.broken)
	}
	if v := s.rowOf(s.answered.Dialog); v.via != "" {
		t.Errorf("a chat with the bot says %q; want nothing", v.via)
	}
	s.open(s.question.Dialog)
	if got := s.d.header.accSeg.Text; got != "Telegram · аккаунт салона @lotos_salon" {
		t.Errorf("business chat header: %q", got)
	}
	if s.d.header.badge.Visible() {
		t.Error("\"!\" on a working connection")
	}
	s.open(s.answered.Dialog)
	if got := s.d.header.accSeg.Text; got != "Telegram · @lotos_salon_bot" {
		t.Errorf("bot chat header: %q", got)
	}

	// The row is drawn with the name and the account beside it.
	row := newChatRow(newTextFitter(), nil)
	test.NewTempWindow(t, row).Resize(fyne.NewSize(400, 80))
	row.Resize(fyne.NewSize(400, row.MinSize().Height))
	row.bind(s.rowOf(s.question.Dialog))
	if !row.via.Visible() || row.via.Text != "через @lotos_salon" || row.title.Text != "Вера Орлова" {
		t.Errorf("drawn row: title %q, via %q (shown %v)", row.title.Text, row.via.Text, row.via.Visible())
	}
	if row.via.Position().X <= row.title.Position().X {
		t.Error("the account is not after the name")
	}
}

func TestBusiness_DisabledConnectionShowsBang(t *testing.T) {
	s := newBizSalon(t)
	s.open(s.question.Dialog)
	s.setConnection(func(c *inbox.Connection) { c.Enabled = false })

	if v := s.rowOf(s.question.Dialog); !strings.Contains(v.broken, "отключил бота") || !strings.Contains(v.broken, "Чат-боты") {
		t.Errorf("row \"!\" reason: %q; want what happened and where to fix it", v.broken)
	}
	if v := s.rowOf(s.answered.Dialog); v.broken != "" {
		t.Errorf("the bot's own chat shows \"!\" (%q) for the salon account's connection", v.broken)
	}
	h := s.d.header
	if !h.badge.Visible() {
		t.Fatal("no \"!\" in the header of a chat whose connection is off")
	}
	h.badge.MouseIn(&desktop.MouseEvent{})
	if !h.hint.Visible() || !strings.Contains(h.hint.Text, "отключил бота") {
		t.Errorf("hovering \"!\" shows %q", h.hint.Text)
	}
	h.badge.MouseOut()
	test.Tap(h.badge)
	if texts := s.overlayTexts(); !strings.Contains(texts, "«@lotos_salon» не работает") || !strings.Contains(texts, "Чат-боты") {
		t.Fatalf("the badge explains %q", texts)
	}
	test.Tap(s.overlayButton("Открыть настройки подключения"))
	if w := s.ui.openAccounts(); w == nil || w.selected != s.tg.ID {
		t.Error("\"Открыть настройки подключения\" did not open the bot's account")
	} else {
		w.win.Close()
	}

	s.setConnection(func(c *inbox.Connection) { c.Enabled, c.CanReply = true, false })
	if v := s.rowOf(s.question.Dialog); !strings.Contains(v.broken, "«Отвечать на сообщения»") {
		t.Errorf("no reply rights: row says %q", v.broken)
	}
	s.setConnection(func(c *inbox.Connection) { c.CanReply = true })
	if v := s.rowOf(s.question.Dialog); v.broken != "" || s.d.header.badge.Visible() {
		t.Error("a repaired connection still shows \"!\"")
	}
}

func TestBusiness_ComposerRefusesAfterReplyWindow(t *testing.T) {
	s := newBizSalon(t)
	s.open(s.question.Dialog)
	c := s.d.composer
	if c.entry.Disabled() || c.blocked.Visible() {
		t.Fatalf("a fresh business chat blocks the composer: %q", c.blocked.Text)
	}

	// The window closes while the dialog is open: the minute tick notices.
	s.clock.Advance(25 * time.Hour)
	s.d.update(nil, false)
	if !c.entry.Disabled() || !c.blocked.Visible() || !strings.Contains(c.blocked.Text, "24 ч") {
		t.Fatalf("after 24 h: disabled %v, banner %q; want sending off with the reason", c.entry.Disabled(), c.blocked.Text)
	}
	n := len(s.messages(s.question.Chat))
	c.entry.SetText("Вы ещё ждёте?")
	c.send()
	if got := len(s.messages(s.question.Chat)); got != n {
		t.Error("a message went into a chat whose reply window is closed")
	}

	// Another business chat, fresh: open for replies.
	fresh := s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "6002@bc1", Via: "bc1", ChatName: "Нина", Text: "Добрый вечер"})
	s.pump()
	s.open(fresh.Dialog)
	if c.entry.Disabled() || c.blocked.Visible() {
		t.Errorf("a fresh chat is blocked: %q", c.blocked.Text)
	}

	// The client writes again: the first chat opens again.
	s.open(s.question.Dialog)
	if !c.entry.Disabled() {
		t.Fatal("back to the old chat: sending should be off")
	}
	s.receive(inbox.Inbound{Account: s.tg.ID, Peer: bizPeer, Via: "bc1", Text: "Так есть время?"})
	s.pump()
	if c.entry.Disabled() || c.blocked.Visible() {
		t.Errorf("the client wrote again, still blocked: %q", c.blocked.Text)
	}

	// A connection without reply rights blocks before anyone types.
	s.setConnection(func(cn *inbox.Connection) { cn.CanReply = false })
	if !c.entry.Disabled() || !strings.Contains(c.blocked.Text, "не разрешил боту отвечать") {
		t.Errorf("no reply rights: banner %q", c.blocked.Text)
	}
}

func TestBusiness_TimelineShowsPhoneReplyAndDeletion(t *testing.T) {
	s := newBizSalon(t)
	s.open(s.question.Dialog)
	r := newTimelineRow(s.d.timeline)
	// shown is what a bubble says, read right after the row is set (its widgets are
	// reused for the next item).
	type shown struct {
		outbound           bool
		author, text, mark string
		authorOn, markOn   bool
	}
	got := map[inbox.MessageID]shown{}
	for _, it := range s.d.timeline.items {
		if it.kind != tlMessage {
			continue
		}
		r.set(it)
		b := r.bubble
		got[it.msg.ID] = shown{b.outbound, b.author.Text, b.text.Text, b.deleted.Text, b.author.Visible(), b.deleted.Visible()}
	}
	phone, deleted, question := got[s.fromPhone.Message], got[s.deleted.Message], got[s.question.Message]
	if !phone.outbound || !phone.authorOn || phone.author != "в Telegram, не из SalonChat" {
		t.Errorf("owner's phone reply: %+v; want outbound, authored \"в Telegram, не из SalonChat\"", phone)
	}
	want := "удалено в Telegram · " + s.d.dateTime(s.clock.Now())
	if !deleted.markOn || deleted.mark != want {
		t.Errorf("deleted message mark: %+v; want %q", deleted, want)
	}
	if deleted.text != "Ой, перепутала, мне на послезавтра" {
		t.Errorf("a deleted message lost its text: %q", deleted.text)
	}
	if question.markOn || question.text == "" {
		t.Errorf("a message that was not deleted: %+v", question)
	}
	// The mark takes room: the row is taller than without it.
	r.set(tlItem{kind: tlMessage, msg: &inbox.Message{ID: 1, Direction: inbox.DirInbound, Text: deleted.text, At: s.clock.Now()}})
	plain := r.MinSize().Height
	m, err := s.svc.Message(s.deleted.Message)
	must(t, err)
	r.set(tlItem{kind: tlMessage, msg: &m})
	if r.MinSize().Height <= plain {
		t.Error("the deletion mark does not take a line of its own")
	}
}

func TestBusiness_AccountsWindowListsConnections(t *testing.T) {
	s := newBizSalon(t)
	w := acctOpen(s.fixture, nil, s.tg.ID)
	if r := connRow(w); r == nil || r.title.Text != "@lotos_salon" || r.state.Text != "аккаунт салона · работает" || r.badge.Visible() {
		t.Fatalf("the list shows %q; want the connection under the bot", acctTexts(w.list))
	}
	if i := w.entryIndex(s.tg.ID); i < 0 || w.entries[i+1].conn == nil || w.entries[i+1].conn.ID != "bc1" {
		t.Errorf("the connection is not listed right under its account: %+v", w.entries)
	}
	pane := w.detail.view()
	for _, want := range []string{"Telegram для бизнеса → Чат-боты", "«@lotos_salon_bot»", "Салон Лотос · @lotos_salon", "работает, бот отвечает"} {
		if !acctShows(pane, want) {
			t.Errorf("the bot's pane lacks %q: %q", want, acctTexts(pane))
		}
	}

	s.conn.Enabled = false
	must(t, s.svc.SetConnection(s.conn))
	w.settle(t, "the disabled connection", func() bool { return acctShows(w.list, "аккаунт салона · бот отключён") })
	pane = w.detail.view()
	if !acctShows(pane, "! бот отключён") || !acctShows(pane, "Настройки → Telegram для бизнеса → Чат-боты") {
		t.Errorf("the pane does not explain the disabled connection: %q", acctTexts(pane))
	}
	if r := connRow(w); r == nil || !r.badge.Visible() || !strings.Contains(r.badge.reason, "отключил бота") {
		t.Errorf("the connection's row has no \"!\" with the reason")
	}
	// A bot nobody connected says so; other networks have no such section.
	w.selectAccount(s.wa.ID)
	if acctShows(w.detail.view(), "Telegram для бизнеса") {
		t.Error("a WhatsApp account shows the Telegram Business section")
	}
}

// TestBusiness_TranslationsCoverKeys checks the keys of this part in both languages.
func TestBusiness_TranslationsCoverKeys(t *testing.T) {
	keys := map[string]bool{inbox.KeyAuthorElsewhere: true, inbox.KeyDeletedOnNetwork: true,
		"connection.disabled": true, "connection.no_reply_rights": true,
		"send.connection_disabled": true, "send.connection_no_reply": true, "send.reply_window_closed": true}
	re := regexp.MustCompile(`T\("([a-z_.]+[a-z_])"`)
	for _, f := range []string{"business.go", "accounts_business.go", "dialog_health.go", "chatlist_load.go", "timeline_bubble.go"} {
		src, err := os.ReadFile(filepath.Clean(f))
		must(t, err)
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			keys[m[1]] = true
		}
	}
	for _, c := range []inbox.Connection{{Enabled: true, CanReply: true}, {Enabled: false}, {Enabled: true}} {
		keys["business_ui.state."+connectionStateName(c)] = true
		keys["business_ui.row_state."+connectionStateName(c)] = true
	}
	requireTranslated(t, keys, 20)
}

// connRow is the list's row of a business connection (the indented one), or nil.
func connRow(w *accountsWindow) *accountRow {
	var found *accountRow
	acctWalk(w.list, func(o fyne.CanvasObject) bool {
		if r, ok := o.(*accountRow); ok && r.indent.Visible() {
			found = r
		}
		return true
	})
	return found
}

// The same person writing to the bot and to the salon's account is one client; the
// client panel tells the two chats apart and lists the person's @username once.
func TestBusiness_ClientPanelTellsTheChatsApart(t *testing.T) {
	s := newBizSalon(t)
	_, err := s.svc.CreateClientFromChat(s.anna.ID, s.answered.Chat)
	must(t, err)
	twin := s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551@bc1", Via: "bc1", ChatName: "Игорь Петров", Username: "igor_p",
		SamePersonAs: "5551", Text: "А в субботу вы работаете?"})
	s.pump()
	s.ui.openDialog(twin.Dialog)
	text := cpText(s.ui.client.view())
	if !strings.Contains(text, "Telegram через @lotos_salon · ждёт ответа") || !strings.Contains(text, "Telegram · открыт") || !strings.Contains(text, "Диалоги (2)") {
		t.Errorf("the client panel does not tell the salon account's chat from the bot's:\n%s", text)
	}
	if n := strings.Count(text, "\n@igor_p\n"); n != 1 { // the address on a line of its own
		t.Errorf("@igor_p is listed %d times in the contacts; want once:\n%s", n, text)
	}
}
