package vk_test

import (
	"crypto/rand"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"salonchat/connectors/internal/conntest"
	"salonchat/connectors/vk"
	"salonchat/inbox"
)

const anna = 123456789 // the client in testdata/*.json

// testFiles are the files the fake serves for testdata events, by name under /files/.
var testFiles = map[string]int{
	"photo_z.jpg": 48211, "photo_y.jpg": 30000, "photo_x.jpg": 20000, "photo_m.jpg": 3000, "photo_s.jpg": 1000, "photo_o.jpg": 2000,
	"doc_675123456.pdf":       20480,
	"audiomsg_675123457.ogg":  7342,
	"audiomsg_675123457.mp3":  9000,
	"sticker_9012_512.png":    23020,
	"sticker_9012_256.png":    9000,
	"sticker_9012_128.png":    4000,
	"sticker_9012_64.png":     1500,
	"video_preview_800.jpg":   5000,
	"sticker_9012_512b.png":   24000,
	"video_preview_130.jpg":   900,
	"sticker_9012.json":       300,
	"unrelated_never_fetched": 10,
}

// serveTestFiles gives every test file random content and returns it by name.
func serveTestFiles(e *env) map[string][]byte {
	data := map[string][]byte{}
	for name, size := range testFiles {
		data[name] = make([]byte, size)
		rand.Read(data[name])
		e.srv.AddFile(name, data[name])
	}
	return data
}

var messageEvents = []string{"text.json", "photo.json", "doc.json", "audio_message.json", "sticker.json",
	"video.json", "wall.json", "geo.json", "reply.json"}

func TestConnector_Receive_EveryKind(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.AddUser(anna, "Анна", "Смирнова", "anna_smirnova")
	data := serveTestFiles(e)
	stop, _ := e.start()
	for _, name := range messageEvents {
		e.srv.Push(conntest.Testdata(t, name))
	}
	conntest.WaitFor(t, 10*time.Second, "9 stored messages", func() bool { return e.sink.StoredCount() == 9 })
	// What is not a client's message comes after: an edit, the community's own edit and
	// reply, consent changes, a group chat.
	for _, name := range []string{"edit.json", "edit_outgoing.json", "reply_echo.json", "allow.json", "deny.json", "chat.json"} {
		e.srv.Push(conntest.Testdata(t, name))
	}
	conntest.WaitFor(t, 10*time.Second, "the edit", func() bool { return e.sink.StoredCount() == 10 })
	conntest.WaitFor(t, 5*time.Second, "all events read", func() bool { return e.srv.Pending() == 0 })
	if err := stop(); err != nil {
		t.Fatalf("Run = %v", err)
	}

	ms := e.messages(anna)
	byExt := map[inbox.ExternalID]inbox.Message{}
	var order []inbox.ExternalID
	var consent []inbox.SystemKind
	for _, m := range ms {
		if m.Direction == inbox.DirSystem {
			consent = append(consent, m.System.Kind)
			continue
		}
		byExt[m.ExternalID] = m
		order = append(order, m.ExternalID)
	}
	if want := []inbox.SystemKind{inbox.SysMessagesAllowed, inbox.SysMessagesDenied}; fmt.Sprint(consent) != fmt.Sprint(want) {
		t.Errorf("consent notes in the chat %v; want %v (message_allow, message_deny)", consent, want)
	}
	if want := "101 102 103 104 105 106 107 108 109"; fmt.Sprint(order) != "["+want+"]" {
		t.Errorf("messages in order %v; want [%s]", order, want)
	}

	files := []struct {
		ext  inbox.ExternalID
		text string
		kind inbox.AttachmentKind
		name string
		mime string
		file string // served file whose content must be on disk
		id   string // RemoteID
	}{
		{"102", "Вот такой дизайн хочу", inbox.AttachImage, "photo.jpg", "image/jpeg", "photo_z.jpg", "photo123456789_457239017"},
		{"103", "", inbox.AttachFile, "Направление ../../врача.pdf", "application/pdf", "doc_675123456.pdf", "doc123456789_675123456"},
		{"104", "", inbox.AttachVoice, "voice.ogg", "audio/ogg", "audiomsg_675123457.ogg", "audiomsg123456789_675123457"},
		{"105", "", inbox.AttachImage, "sticker.png", "image/png", "sticker_9012_512.png", "sticker9012"},
	}
	for _, c := range files {
		m, ok := byExt[c.ext]
		if !ok {
			t.Errorf("message %s not stored", c.ext)
			continue
		}
		if m.Text != c.text || len(m.Attachments) != 1 {
			t.Errorf("message %s: text %q, %d attachments; want %q and 1", c.ext, m.Text, len(m.Attachments), c.text)
			continue
		}
		a := m.Attachments[0]
		if a.Kind != c.kind || a.Name != c.name || a.MIME != c.mime || a.RemoteID != c.id {
			t.Errorf("message %s attachment %+v; want kind %s name %q mime %s remote %s", c.ext, a, c.kind, c.name, c.mime, c.id)
		}
		checkFile(t, e.opts.DataDir, e.acc.ID, a, data[c.file])
	}

	links := []struct {
		ext        inbox.ExternalID
		text, name string
		url        string
	}{
		{"106", "Как вам такой цвет волос?", "Окрашивание", "https://vk.com/video123456789_456239017"},
		{"107", "Эта акция ещё действует?", "Акция! Скидка 20% на окрашивание до конца месяца.", "https://vk.com/wall-229000001_1234"},
	}
	for _, c := range links {
		m := byExt[c.ext]
		if m.Text != c.text || len(m.Attachments) != 1 || m.Attachments[0].Kind != inbox.AttachLink ||
			m.Attachments[0].URL != c.url || m.Attachments[0].Name != c.name || m.Attachments[0].Path != "" {
			t.Errorf("message %s: text %q attachments %+v; want a link %q %s", c.ext, m.Text, m.Attachments, c.name, c.url)
		}
	}
	if loc := byExt["108"].Attachments; len(loc) != 1 || loc[0].Kind != inbox.AttachLocation ||
		loc[0].Lat != 55.751244 || loc[0].Lon != 37.618423 || loc[0].Name != "Москва, Россия" {
		t.Errorf("place: %+v", loc)
	}
	if r := byExt["109"]; r.ReplyTo != "7001" || r.Text != "Да, отлично\n» Анна, вы записаны на субботу, 12:00" {
		t.Errorf("reply: to %q text %q; want to 7001 with the forwarded text quoted", r.ReplyTo, r.Text)
	}
	if m := byExt["101"]; len(m.Revisions) != 1 || m.CurrentText() != "Здравствуйте! Можно записаться на маникюр в воскресенье?" ||
		m.Revisions[0].ExternalID != "101@1764072777" || m.Text != "Здравствуйте! Можно записаться на маникюр в субботу?" {
		t.Errorf("edit of 101: text %q revisions %+v", m.Text, m.Revisions)
	}

	chat, _ := e.chat(anna)
	if chat.Name != "Анна Смирнова" || chat.Username != "anna_smirnova" {
		t.Errorf("chat = name %q username %q; want the name from users.get", chat.Name, chat.Username)
	}
	if n := e.srv.Calls("users.get"); n != 1 {
		t.Errorf("users.get called %d times; want once (names are cached)", n)
	}
	if _, ok := e.chat(2000000001); ok {
		t.Error("a group chat was stored")
	}
	if n := e.srv.Calls("download"); n != 4 {
		t.Errorf("%d downloads; want 4 (the largest photo, the document through vk.com's redirect, the voice, the sticker)", n)
	}
	for _, k := range []string{"message_allow", "message_deny"} {
		if !strings.Contains(e.logs.String(), k) {
			t.Errorf("the log does not note %s", k)
		}
	}
	set := e.srv.LongPollSettings()
	for _, k := range []string{"message_new", "message_edit", "message_allow", "message_deny", "message_read", "enabled"} {
		if set[k] != "1" {
			t.Errorf("setLongPollSettings %s = %q; want 1", k, set[k])
		}
	}
	if set["api_version"] != "5.131" || set["group_id"] != strconv.Itoa(229000001) {
		t.Errorf("setLongPollSettings = %v", set)
	}
	if _, ok := set["message_reply"]; ok {
		t.Error("the connector asked for message_reply")
	}
}

// checkFile checks that a downloaded attachment is inside the account's folder with the
// right content.
func checkFile(t *testing.T, dataDir string, acc inbox.AccountID, a inbox.Attachment, want []byte) {
	t.Helper()
	conntest.CheckFile(t, dataDir, fmt.Sprintf("files/vk-%d/", acc), a, want)
}

func TestConnector_Receive_DownloadFailureKeepsMessage(t *testing.T) {
	e := newEnv(t, nil)
	stop, _ := e.start()
	e.srv.Push(conntest.Testdata(t, "photo.json")) // no files on the server: every download 404s
	e.srv.Push(conntest.Testdata(t, "doc.json"))
	conntest.WaitFor(t, 10*time.Second, "2 stored messages", func() bool { return e.sink.StoredCount() == 2 })
	stop()
	for _, m := range e.messages(anna) {
		a := m.Attachments[0]
		if a.Path != "" || a.RemoteID == "" || a.Name == "" {
			t.Errorf("message %s: attachment %+v; want kept with RemoteID and name, no Path", m.ExternalID, a)
		}
	}
	matches, _ := filepath.Glob(filepath.Join(e.opts.DataDir, "files", "*", "*"))
	if len(matches) != 0 {
		t.Errorf("files left on disk after failed downloads: %v", matches)
	}
}

// TestConnector_Receive_ReadAndOwnSends follows an operator's answer: sent through the
// connector, it is marked read by message_read, and VK's echo of it (message_reply, here
// enabled by another program) does not come back as a client's message.
func TestConnector_Receive_ReadAndOwnSends(t *testing.T) {
	e := newEnv(t, nil)
	c := e.connector()
	stop, _ := e.run(c)
	e.sink.WaitHealth(e.t, inbox.HealthOK, "")
	e.pushText(anna, 101, "Здравствуйте")
	conntest.WaitFor(t, 5*time.Second, "the client's message", func() bool { return e.sink.StoredCount() == 1 })

	op, err := e.svc.AddOperator("Ольга")
	if err != nil {
		t.Fatal(err)
	}
	chat, _ := e.chat(anna)
	m, err := e.svc.Send(op.ID, inbox.Outgoing{Chat: chat.ID, Text: "Анна, ждём вас в субботу в 12:00!"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := e.svc.Outbound(m.ID)
	if err != nil {
		t.Fatal(err)
	}
	ext, err := c.Send(t.Context(), out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.UpdateDelivery(m.ID, inbox.Delivery{State: inbox.Sent, ExternalID: ext}); err != nil {
		t.Fatal(err)
	}
	id, _ := vk.ParseMessageID(ext)
	e.srv.Push(strings.ReplaceAll(conntest.Testdata(t, "reply_echo.json"), `"id": 7002`, fmt.Sprintf(`"id": %d`, id)))
	e.srv.Push(strings.ReplaceAll(conntest.Testdata(t, "read.json"), `"read_message_id": 7001`, fmt.Sprintf(`"read_message_id": %d`, id)))
	conntest.WaitFor(t, 5*time.Second, "the read receipt", func() bool {
		got, err := e.svc.Message(m.ID)
		return err == nil && got.Delivery != nil && got.Delivery.State == inbox.Read
	})
	stop()
	var dirs []inbox.Direction
	for _, m := range e.messages(anna) {
		if m.Direction != inbox.DirSystem {
			dirs = append(dirs, m.Direction)
		}
	}
	if fmt.Sprint(dirs) != fmt.Sprint([]inbox.Direction{inbox.DirInbound, inbox.DirOutbound}) {
		t.Errorf("chat has messages %v; want the client's and the answer, no echo", dirs)
	}
}

func TestConnector_Run_NeedsDataDir(t *testing.T) {
	e := newEnv(t, nil)
	e.opts.DataDir = ""
	if err := e.connector().Run(t.Context(), e.sink); err == nil {
		t.Error("Run without a data folder started")
	}
}

func TestConnector_Run_Twice(t *testing.T) {
	e := newEnv(t, nil)
	c := e.connector()
	e.run(c)
	conntest.WaitFor(t, 5*time.Second, "first poll", func() bool { return e.srv.Calls("a_check") > 0 })
	if err := c.Run(t.Context(), e.sink); err == nil {
		t.Error("a second Run of one connector started")
	}
}
