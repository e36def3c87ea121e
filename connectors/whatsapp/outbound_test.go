package whatsapp

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types/events"

	"salonchat/inbox"
)

// writeFile puts a file into the env's data folder and returns its stored path.
func (e *env) writeFile(rel string, data []byte) string {
	e.t.Helper()
	p := filepath.Join(e.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		e.t.Fatal(err)
	}
	return rel
}

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// outbound is a queued message of the env's account to the client.
func (e *env) outbound(id inbox.MessageID, text string, atts ...inbox.Attachment) inbox.Outbound {
	return inbox.Outbound{
		Message: inbox.Message{ID: id, Direction: inbox.DirOutbound, Text: text, Attachments: atts},
		Chat:    inbox.Chat{ID: 3, Account: 7, Network: inbox.WhatsApp, Peer: "79123456789", Phone: "79123456789"},
		Account: testAccount(),
	}
}

// TestBuildMessage turns outbound parts into the WhatsApp messages sent, with a fake
// uploader.
func TestBuildMessage(t *testing.T) {
	e := newEnv(t)
	img := e.writeFile("out/photo.png", pngBytes(t, 40, 30))
	doc := e.writeFile("out/price.pdf", []byte("%PDF-1.4 price list"))
	plan := func(m inbox.Message) []part {
		t.Helper()
		parts, err := e.c.plan(m)
		if err != nil {
			t.Fatal(err)
		}
		return parts
	}
	build := func(p part) *waE2E.Message {
		t.Helper()
		msg, err := buildMessage(t.Context(), e.fake, clientPN, p)
		if err != nil {
			t.Fatal(err)
		}
		return msg
	}

	t.Run("text", func(t *testing.T) {
		parts := plan(inbox.Message{Text: "  Ждём вас завтра в 15:00  "})
		if got := build(parts[0]); got.GetConversation() != "Ждём вас завтра в 15:00" || len(parts) != 1 {
			t.Errorf("text = %v (%d parts)", got, len(parts))
		}
	})
	t.Run("reply", func(t *testing.T) {
		p := plan(inbox.Message{Text: "Да, записали"})[0]
		p.reply = "3A0001"
		x := build(p).GetExtendedTextMessage()
		ci := x.GetContextInfo()
		if x.GetText() != "Да, записали" || ci.GetStanzaID() != "3A0001" || ci.GetParticipant() != "79123456789@s.whatsapp.net" || ci.GetQuotedMessage() == nil {
			t.Errorf("reply = %v", x)
		}
	})
	t.Run("image with caption", func(t *testing.T) {
		parts := plan(inbox.Message{Text: "Вот наш прайс", Attachments: []inbox.Attachment{{Kind: inbox.AttachImage, Name: "photo.png", Path: img}}})
		if len(parts) != 1 || parts[0].kind != partImage {
			t.Fatalf("parts %+v; want one image", parts)
		}
		m := build(parts[0]).GetImageMessage()
		if m.GetCaption() != "Вот наш прайс" || m.GetMimetype() != "image/png" || m.GetWidth() != 40 || m.GetHeight() != 30 ||
			m.GetDirectPath() != "/v/fake/WhatsApp Image Keys" || string(m.GetMediaKey()) != "key" || m.GetFileLength() == 0 {
			t.Errorf("image = %v", m)
		}
		up := e.fake.uploads[len(e.fake.uploads)-1]
		if up.mt != whatsmeow.MediaImage || !bytes.Equal(up.data, pngBytes(t, 40, 30)) {
			t.Errorf("uploaded %s, %d bytes", up.mt, len(up.data))
		}
	})
	t.Run("document with caption", func(t *testing.T) {
		parts := plan(inbox.Message{Text: "Прайс на декабрь", Attachments: []inbox.Attachment{{Kind: inbox.AttachFile, Name: "Прайс.pdf", Path: doc}}})
		msg := build(parts[0])
		m := msg.GetDocumentWithCaptionMessage().GetMessage().GetDocumentMessage()
		if m.GetCaption() != "Прайс на декабрь" || m.GetFileName() != "Прайс.pdf" || m.GetMimetype() != "application/pdf" ||
			m.GetDirectPath() != "/v/fake/WhatsApp Document Keys" {
			t.Errorf("document = %v", msg)
		}
	})
	t.Run("document", func(t *testing.T) {
		parts := plan(inbox.Message{Attachments: []inbox.Attachment{{Kind: inbox.AttachFile, Name: "Прайс.pdf", MIME: "application/pdf", Path: doc}}})
		if m := build(parts[0]).GetDocumentMessage(); m.GetFileName() != "Прайс.pdf" || m.Caption != nil {
			t.Errorf("document = %v", m)
		}
	})
	t.Run("picture WhatsApp does not show goes as a file", func(t *testing.T) {
		gif := e.writeFile("out/anim.gif", []byte("GIF89a fake"))
		parts := plan(inbox.Message{Attachments: []inbox.Attachment{{Kind: inbox.AttachImage, Name: "anim.gif", Path: gif}}})
		if parts[0].kind != partDocument || build(parts[0]).GetDocumentMessage().GetMimetype() != "image/gif" {
			t.Errorf("gif part %+v; want a document", parts[0])
		}
	})
	t.Run("long text before the file", func(t *testing.T) {
		long := strings.Repeat("Очень подробный ответ. ", 60)
		parts := plan(inbox.Message{Text: long, Attachments: []inbox.Attachment{{Kind: inbox.AttachImage, Path: img}}})
		if len(parts) != 2 || parts[0].kind != partText || parts[1].kind != partImage || parts[1].text != "" {
			t.Errorf("parts %+v; want the text, then the image without caption", parts)
		}
	})
	t.Run("location and contact", func(t *testing.T) {
		parts := plan(inbox.Message{Attachments: []inbox.Attachment{
			{Kind: inbox.AttachLocation, Name: "Салон", Lat: 55.75, Lon: 37.61},
			{Kind: inbox.AttachContact, Name: "Мастер Ольга", Phone: "+7 912 000-11-22"}}})
		loc, card := build(parts[0]).GetLocationMessage(), build(parts[1]).GetContactMessage()
		if loc.GetDegreesLatitude() != 55.75 || loc.GetName() != "Салон" {
			t.Errorf("location = %v", loc)
		}
		if name, phone := parseVCard(card.GetVcard()); name != "Мастер Ольга" || phone != "+79120001122" {
			t.Errorf("contact card %q reads back as %q, %q", card.GetVcard(), name, phone)
		}
	})
}

// TestPlan_Refused: files that cannot go are refused for good before anything is sent.
func TestPlan_Refused(t *testing.T) {
	e := newEnv(t)
	big := filepath.Join(e.dir, "big.bin")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(maxFileSize + 1) // sparse: nothing is written
	f.Close()
	tests := []struct {
		att    inbox.Attachment
		reason string
	}{
		{inbox.Attachment{Kind: inbox.AttachFile, Name: "gone.pdf", Path: "files/gone.pdf"}, "whatsapp.file_missing"},
		{inbox.Attachment{Kind: inbox.AttachFile, Name: "no path"}, "whatsapp.file_missing"},
		{inbox.Attachment{Kind: inbox.AttachFile, Name: "big.bin", Path: big}, "whatsapp.file_too_large"},
	}
	for _, tt := range tests {
		_, err := e.c.plan(inbox.Message{Attachments: []inbox.Attachment{tt.att}})
		se := inbox.AsSendError(err)
		if err == nil || !se.Permanent || se.Reason != tt.reason {
			t.Errorf("plan(%s) = %v; want permanent %s", tt.att.Name, err, tt.reason)
		}
	}
}

var outgoingIDForm = regexp.MustCompile(`^3EB0[0-9A-F]{18}$`)

// TestSend: each part goes under its reserved id; a second Send of the same stored
// message repeats the ids, so the client's phone keeps one copy.
func TestSend(t *testing.T) {
	e := newEnv(t)
	_, _ = e.run()
	e.fake.emit(&events.Connected{})
	e.fake.setLoggedIn(true)
	img := e.writeFile("out/photo.png", pngBytes(t, 8, 8))
	m := e.outbound(41, strings.Repeat("а", maxCaptionLen+1), inbox.Attachment{Kind: inbox.AttachImage, Name: "photo.png", Path: img})
	m.Message.ReplyTo = "3A0001"
	ext, err := e.c.Send(t.Context(), m)
	if err != nil {
		t.Fatal(err)
	}
	sent := e.fake.sentMessages()
	if len(sent) != 2 {
		t.Fatalf("%d WhatsApp messages; want the text and the picture", len(sent))
	}
	if sent[0].msg.GetExtendedTextMessage().GetContextInfo().GetStanzaID() != "3A0001" || sent[1].msg.GetImageMessage().GetContextInfo() != nil {
		t.Error("the reply should go with the first part only")
	}
	for i, s := range sent {
		if s.to != clientPN || !outgoingIDForm.MatchString(string(s.id)) || s.id != MakeOutgoingID(salonDevice.String(), 7, 41, i) {
			t.Errorf("part %d to %s id %q", i, s.to, s.id)
		}
	}
	if ext != inbox.ExternalID(sent[1].id) {
		t.Errorf("Send = %q; want the last part's id %q", ext, sent[1].id)
	}
	again, err := e.c.Send(t.Context(), m)
	if err != nil || again != ext {
		t.Fatalf("second Send = %q, %v; want the same id %q", again, err, ext)
	}
	if s := e.fake.sentMessages(); s[2].id != sent[0].id || s[3].id != sent[1].id {
		t.Error("a second Send of the same message used new ids")
	}
}

// TestSend_Failures classifies what can go wrong for the outbox.
func TestSend_Failures(t *testing.T) {
	e := newEnv(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // Run is not running: Send gives up at once
	if _, err := e.c.Send(ctx, e.outbound(1, "Здравствуйте")); !isSendError(err, false, "whatsapp.not_connected") {
		t.Errorf("Send without Run = %v; want temporary whatsapp.not_connected", err)
	}
	bad := e.outbound(2, "Здравствуйте")
	bad.Chat.Peer = "120363000000000001@g.us"
	if _, err := e.c.Send(t.Context(), bad); !isSendError(err, true, "whatsapp.chat_invalid") {
		t.Errorf("Send to a group = %v; want permanent whatsapp.chat_invalid", err)
	}
	if _, err := e.c.Send(t.Context(), e.outbound(3, "   ")); !isSendError(err, true, "send.empty") {
		t.Errorf("Send of nothing = %v; want permanent send.empty", err)
	}
	_, _ = e.run()
	e.fake.setLoggedIn(true)
	for _, tt := range []struct {
		err       error
		permanent bool
		reason    string
	}{
		{whatsmeow.ErrNotConnected, false, "whatsapp.not_connected"},
		{whatsmeow.ErrMessageTimedOut, false, "whatsapp.network"},
		{errors.Join(whatsmeow.ErrServerReturnedError, errors.New("479")), true, "whatsapp.send_refused"},
	} {
		e.fake.mu.Lock()
		e.fake.sendErr = tt.err
		e.fake.mu.Unlock()
		if _, err := e.c.Send(t.Context(), e.outbound(4, "Здравствуйте")); !isSendError(err, tt.permanent, tt.reason) {
			t.Errorf("Send failing with %v = %v; want %s (permanent %v)", tt.err, err, tt.reason, tt.permanent)
		}
	}
}

func isSendError(err error, permanent bool, reason string) bool {
	var se *inbox.SendError
	return errors.As(err, &se) && se.Permanent == permanent && se.Reason == reason
}

func TestSplitText(t *testing.T) {
	para := strings.Repeat("слово ", 10)
	tests := []struct {
		text string
		n    int
		want []string
	}{
		{"коротко", 10, []string{"коротко"}},
		{"", 10, nil},
		{strings.TrimSpace(para + "\n\n" + para), 70, []string{strings.TrimSpace(para), strings.TrimSpace(para)}},
		{strings.Repeat("я", 25), 10, []string{strings.Repeat("я", 10), strings.Repeat("я", 10), strings.Repeat("я", 5)}},
	}
	for _, tt := range tests {
		got := splitText(tt.text, tt.n)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitText(%q, %d) = %q; want %q", tt.text, tt.n, got, tt.want)
		}
		for _, p := range got {
			if n := len([]rune(p)); n > tt.n {
				t.Errorf("piece of %d characters > %d", n, tt.n)
			}
		}
	}
}

// TestSend_ContactVCardSafe: a contact's name cannot add lines to the card.
func TestSend_ContactVCardSafe(t *testing.T) {
	card := makeVCard("Ольга\nTEL:+10000000000", "+7 912 000-11-22")
	if strings.Count(card, "\nTEL") != 1 {
		t.Errorf("vCard %q", card)
	}
}
