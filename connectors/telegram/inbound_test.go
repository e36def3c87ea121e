package telegram_test

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"salonchat/connectors/internal/conntest"
	"salonchat/connectors/telegram"
	"salonchat/inbox"
)

const anna = 111222333 // the client in testdata/*.json

// testFile is a file the fake serves for a testdata update.
type testFile struct {
	id, uniqueID, path string
	size               int
}

var testFiles = []testFile{
	{"AgACAgIAAxkBAAIBZmdPhoto-x", "AQADlarge", "photos/file_0.jpg", 48211},
	{"BQACAgIAAxkBAAIBZ2dDocument", "AgADdoc1", "documents/file_1.pdf", 20480},
	{"AwACAgIAAxkBAAIBaGdVoice", "AgADvoice1", "voice/file_2.oga", 7342},
	{"CQACAgIAAxkBAAIBaWdAudio", "AgADaudio1", "music/file_3.mp3", 31250},
	{"BAACAgIAAxkBAAIBamdVideo", "AgADvideo1", "videos/file_4.mp4", 65536},
	{"DQACAgIAAxkBAAIBa2dVideoNote", "AgADnote1", "video_notes/file_5.mp4", 40960},
	{"CAACAgIAAxkBAAIBbGdSticker", "AgADsticker1", "stickers/file_6.webp", 23020},
	{"AAMCAgADGQEAAgAnThumb", "AQADathumb", "thumbnails/file_7.webp", 5120},
}

var testUpdates = []string{"text.json", "photo.json", "document.json", "voice.json", "audio.json", "video.json",
	"video_note.json", "sticker.json", "sticker_animated.json", "location.json", "contact_self.json",
	"contact_other.json", "reply.json", "edited.json", "group.json", "big_document.json"}

func TestConnector_Receive_EveryKind(t *testing.T) {
	e := newEnv(t, nil)
	data := map[string][]byte{} // file_id → content
	for _, f := range testFiles {
		data[f.id] = make([]byte, f.size)
		rand.Read(data[f.id])
		e.srv.AddFile(f.id, f.uniqueID, f.path, data[f.id])
	}
	for _, name := range testUpdates {
		e.srv.Push(conntest.Testdata(t, name))
	}
	stop, _ := e.run(e.connector())
	conntest.WaitFor(t, 10*time.Second, "15 stored messages and edits", func() bool { return e.sink.StoredCount() == 15 })
	conntest.WaitFor(t, 5*time.Second, "all updates confirmed", func() bool { return e.srv.Pending() == 0 })
	if err := stop(); err != nil {
		t.Fatalf("Run = %v", err)
	}
	if got, want := e.srv.AllowedUpdates(), `["message","edited_message","business_connection","business_message","edited_business_message","deleted_business_messages"]`; got != want {
		t.Errorf("allowed_updates = %s; want %s", got, want)
	}

	ms := e.messages(anna)
	byExt := map[inbox.ExternalID]inbox.Message{}
	var order []inbox.ExternalID
	for _, m := range ms {
		byExt[m.ExternalID] = m
		order = append(order, m.ExternalID)
	}
	if want := "101 102 103 104 105 106 107 108 109 110 111 112 113 114"; fmt.Sprint(order) != "["+want+"]" {
		t.Errorf("messages in order %v; want [%s]", order, want)
	}

	cases := []struct {
		ext    inbox.ExternalID
		text   string
		kind   inbox.AttachmentKind
		name   string
		mime   string
		fileID string // downloaded: content must match
		size   int64
	}{
		{"101", "Здравствуйте! Можно записаться на маникюр в субботу?", "", "", "", "", 0},
		{"102", "Вот такой дизайн хочу", inbox.AttachImage, "photo.jpg", "image/jpeg", "AgACAgIAAxkBAAIBZmdPhoto-x", 48211},
		{"103", "", inbox.AttachFile, "Направление ../../врача.pdf", "application/pdf", "BQACAgIAAxkBAAIBZ2dDocument", 20480},
		{"104", "", inbox.AttachVoice, "voice.ogg", "audio/ogg", "AwACAgIAAxkBAAIBaGdVoice", 7342},
		{"105", "", inbox.AttachAudio, "relax.mp3", "audio/mpeg", "CQACAgIAAxkBAAIBaWdAudio", 31250},
		{"106", "Как вам такой цвет волос?", inbox.AttachVideo, "IMG_2041.MP4", "video/mp4", "BAACAgIAAxkBAAIBamdVideo", 65536},
		{"107", "", inbox.AttachVideo, "video_note.mp4", "video/mp4", "DQACAgIAAxkBAAIBa2dVideoNote", 40960},
		{"108", "", inbox.AttachImage, "sticker.webp", "image/webp", "CAACAgIAAxkBAAIBbGdSticker", 23020},
		{"109", "", inbox.AttachImage, "sticker.webp", "image/webp", "AAMCAgADGQEAAgAnThumb", 5120},
		{"113", "Да, отлично", "", "", "", "", 0},
	}
	for _, c := range cases {
		m, ok := byExt[c.ext]
		if !ok {
			t.Errorf("message %s not stored", c.ext)
			continue
		}
		if m.Text != c.text {
			t.Errorf("message %s text %q; want %q", c.ext, m.Text, c.text)
		}
		if c.kind == "" {
			if len(m.Attachments) != 0 {
				t.Errorf("message %s has attachments %+v", c.ext, m.Attachments)
			}
			continue
		}
		if len(m.Attachments) != 1 {
			t.Errorf("message %s has %d attachments; want 1", c.ext, len(m.Attachments))
			continue
		}
		a := m.Attachments[0]
		if a.Kind != c.kind || a.Name != c.name || a.MIME != c.mime || a.Size != c.size || a.RemoteID != c.fileID {
			t.Errorf("message %s attachment %+v; want kind %s name %q mime %s size %d remote %s", c.ext, a, c.kind, c.name, c.mime, c.size, c.fileID)
		}
		checkFile(t, e.opts.DataDir, e.acc.ID, a, data[c.fileID])
	}

	if m := byExt["101"]; len(m.Revisions) != 1 || m.CurrentText() != "Здравствуйте! Можно записаться на маникюр в воскресенье?" ||
		m.Revisions[0].ExternalID != "101@1764072777" {
		t.Errorf("edit of 101: revisions %+v", m.Revisions)
	}
	if loc := byExt["110"].Attachments; len(loc) != 1 || loc[0].Kind != inbox.AttachLocation || loc[0].Lat != 55.751244 || loc[0].Lon != 37.618423 {
		t.Errorf("location: %+v", loc)
	}
	if c := byExt["111"].Attachments; len(c) != 1 || c[0].Kind != inbox.AttachContact || c[0].Phone != "79123456789" || c[0].Name != "Анна Смирнова" {
		t.Errorf("own contact: %+v", c)
	}
	if c := byExt["112"].Attachments; len(c) != 1 || c[0].Kind != inbox.AttachContact || c[0].Phone != "+7 (916) 555-44-33" || c[0].Name != "Мама" {
		t.Errorf("someone else's contact: %+v", c)
	}
	if got := byExt["113"].ReplyTo; got != "9001" {
		t.Errorf("reply to %q; want 9001", got)
	}
	big := byExt["114"].Attachments
	if len(big) != 1 || big[0].Path != "" || big[0].RemoteID != "BQACAgIAAxkBAAIBbmdBig" || big[0].Name != "Видео с процедуры.mov" || big[0].Size != 73400320 {
		t.Errorf("file over 20 MB: %+v; want kept with RemoteID, no Path", big)
	}

	chat, _ := e.chat(anna)
	if chat.Name != "Анна Смирнова" || chat.Username != "anna_smirnova" || chat.Phone != inbox.NormalizePhone("79123456789") {
		t.Errorf("chat = name %q username %q phone %q; want the client's own contact as the phone", chat.Name, chat.Username, chat.Phone)
	}
	if _, ok := e.chat(-1001234567890); ok {
		t.Error("a group chat was stored")
	}
}

// checkFile checks that a downloaded attachment is inside the account's folder with the
// right content.
func checkFile(t *testing.T, dataDir string, acc inbox.AccountID, a inbox.Attachment, want []byte) {
	t.Helper()
	conntest.CheckFile(t, dataDir, fmt.Sprintf("files/telegram-%d/", acc), a, want)
}

func TestConnector_Receive_DownloadFailureKeepsMessage(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.Push(conntest.Testdata(t, "voice.json")) // no such file on the server: getFile fails
	e.srv.Push(conntest.Testdata(t, "document.json"))
	e.srv.AddFile("BQACAgIAAxkBAAIBZ2dDocument", "AgADdoc1", "documents/missing.pdf", nil) // getFile works, download 404s
	stop, _ := e.run(e.connector())
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

func TestConnector_Receive_LocalServerNoDownloadLimit(t *testing.T) {
	e := newEnv(t, nil)
	e.acc.Settings[telegram.SettingAPIURL] = e.srv.URL()
	e.opts.HTTPClient = nil
	e.srv.SetLocal(true)
	data := bytes.Repeat([]byte("x"), 21<<20)
	e.srv.Push(strings.Replace(conntest.Testdata(t, "document.json"), `"file_size": 20480`, fmt.Sprintf(`"file_size": %d`, len(data)), 1))
	e.srv.AddFile("BQACAgIAAxkBAAIBZ2dDocument", "AgADdoc1", "documents/file_1.pdf", data)
	stop, _ := e.run(e.connector())
	conntest.WaitFor(t, 10*time.Second, "stored message", func() bool { return e.sink.StoredCount() == 1 })
	stop()
	m := e.messages(anna)[0]
	checkFile(t, e.opts.DataDir, e.acc.ID, m.Attachments[0], data)
}
