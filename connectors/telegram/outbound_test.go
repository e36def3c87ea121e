package telegram_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"salonchat/connectors/internal/conntest"
	"salonchat/connectors/telegram"
	"salonchat/connectors/telegram/telegramtest"
	"salonchat/inbox"
)

// outbound is a queued message to a Telegram user, as the outbox hands it over.
func (e *env) outbound(userID int64, text string, atts ...inbox.Attachment) inbox.Outbound {
	return inbox.Outbound{
		Message: inbox.Message{Direction: inbox.DirOutbound, Text: text, Attachments: atts},
		Chat:    inbox.Chat{Account: e.acc.ID, Network: inbox.Telegram, Peer: telegram.MakePeerID(userID)},
		Account: e.acc,
	}
}

// writeFile puts a file in the data folder and returns its path relative to it.
func (e *env) writeFile(name string, data []byte) string {
	e.t.Helper()
	return conntest.WriteFile(e.t, e.opts.DataDir, name, data)
}

func TestConnector_Send_Text(t *testing.T) {
	e := newEnv(t, nil)
	out := e.outbound(anna, "Анна, ждём вас в субботу в 12:00!")
	out.Message.ReplyTo = "113"
	id, err := e.connector().Send(t.Context(), out)
	if err != nil {
		t.Fatal(err)
	}
	sent := e.srv.Sent()
	if len(sent) != 1 {
		t.Fatalf("sent %d messages; want 1", len(sent))
	}
	s := sent[0]
	if s.Method != "sendMessage" || s.ChatID != anna || s.Text != out.Message.Text || s.ReplyTo != 113 {
		t.Errorf("sent %+v", s)
	}
	if want := telegram.MakeMessageID(s.MessageID); id != want {
		t.Errorf("Send = %q; want %q", id, want)
	}
}

func TestConnector_Send_LongTextSplit(t *testing.T) {
	e := newEnv(t, nil)
	var b strings.Builder
	for i := 0; b.Len() < 30000; i++ {
		b.WriteString("Уважаемые клиенты! Напоминаем о правилах записи и отмены визитов 💅. ")
		if i%7 == 6 {
			b.WriteString("\n\n")
		}
	}
	text := strings.TrimSpace(b.String())
	id, err := e.connector().Send(t.Context(), e.outbound(anna, text))
	if err != nil {
		t.Fatal(err)
	}
	sent := e.srv.Sent()
	if len(sent) < 4 {
		t.Fatalf("%d parts; want the text split in at least 4", len(sent))
	}
	var joined []string
	for i, s := range sent {
		if n := len(utf16.Encode([]rune(s.Text))); n > 4096 {
			t.Errorf("part %d is %d UTF-16 units long", i, n)
		}
		if i < len(sent)-1 && !strings.HasSuffix(s.Text, ".") {
			t.Errorf("part %d ends mid-sentence: …%q", i, s.Text[max(0, len(s.Text)-20):])
		}
		joined = append(joined, s.Text)
	}
	if strings.Join(strings.Fields(strings.Join(joined, " ")), " ") != strings.Join(strings.Fields(text), " ") {
		t.Error("the parts do not add up to the text")
	}
	if want := telegram.MakeMessageID(sent[len(sent)-1].MessageID); id != want {
		t.Errorf("Send = %q; want the last part's id %q", id, want)
	}
}

func TestConnector_Send_PhotoAndDocument(t *testing.T) {
	e := newEnv(t, nil)
	photo := bytes.Repeat([]byte{0xFF, 0xD8, 0xFF}, 5000)
	doc := []byte("%PDF-1.4 прайс-лист")
	photoRel := e.writeFile("работа.jpg", photo)
	docAbs := filepath.Join(e.opts.DataDir, filepath.FromSlash(e.writeFile("price.pdf", doc)))
	c := e.connector()

	id, err := c.Send(t.Context(), e.outbound(anna, "Вот пример работы мастера",
		inbox.Attachment{Kind: inbox.AttachImage, Name: "работа.jpg", Path: photoRel, Size: int64(len(photo))},
		inbox.Attachment{Kind: inbox.AttachFile, Name: "Прайс.pdf", Path: docAbs, Size: int64(len(doc))}))
	if err != nil {
		t.Fatal(err)
	}
	sent := e.srv.Sent()
	if len(sent) != 2 {
		t.Fatalf("sent %d messages; want photo and document", len(sent))
	}
	p, d := sent[0], sent[1]
	if p.Method != "sendPhoto" || p.FileField != "photo" || p.FileName != "работа.jpg" || !bytes.Equal(p.FileData, photo) || p.Text != "Вот пример работы мастера" {
		t.Errorf("photo sent as %s %s %q, %d bytes, caption %q", p.Method, p.FileField, p.FileName, len(p.FileData), p.Text)
	}
	if d.Method != "sendDocument" || d.FileField != "document" || d.FileName != "Прайс.pdf" || !bytes.Equal(d.FileData, doc) || d.Text != "" {
		t.Errorf("document sent as %s %s %q, %d bytes, caption %q", d.Method, d.FileField, d.FileName, len(d.FileData), d.Text)
	}
	if want := telegram.MakeMessageID(d.MessageID); id != want {
		t.Errorf("Send = %q; want the last part's id %q", id, want)
	}
}

func TestConnector_Send_LongCaptionGoesFirst(t *testing.T) {
	e := newEnv(t, nil)
	rel := e.writeFile("a.jpg", []byte("jpeg"))
	text := strings.Repeat("Подробное описание процедуры. ", 40) // over 1 024
	_, err := e.connector().Send(t.Context(), e.outbound(anna, text, inbox.Attachment{Kind: inbox.AttachImage, Name: "a.jpg", Path: rel}))
	if err != nil {
		t.Fatal(err)
	}
	sent := e.srv.Sent()
	if len(sent) != 2 || sent[0].Method != "sendMessage" || sent[0].Text != strings.TrimSpace(text) || sent[1].Method != "sendPhoto" || sent[1].Text != "" {
		t.Errorf("sent %d: %+v; want the text, then the photo without caption", len(sent), sent)
	}
}

func TestConnector_Send_Errors(t *testing.T) {
	cases := []struct {
		name      string
		fail      telegramtest.Failure
		permanent bool
		reason    string
		retry     time.Duration
	}{
		{"blocked", telegramtest.Failure{Code: 403, Description: "Forbidden: bot was blocked by the user"}, true, "telegram.blocked", 0},
		{"deactivated", telegramtest.Failure{Code: 403, Description: "Forbidden: user is deactivated"}, true, "telegram.user_deactivated", 0},
		{"chat not found", telegramtest.Failure{Code: 400, Description: "Bad Request: chat not found"}, true, "telegram.chat_not_found", 0},
		{"rate limit", telegramtest.Failure{Code: 429, Description: "Too Many Requests: retry after 7", RetryAfter: 7}, false, "telegram.rate_limited", 7 * time.Second},
		{"gateway", telegramtest.Failure{Code: 502, HTML: true}, false, "telegram.network", 0},
		{"server error", telegramtest.Failure{Code: 500, Description: "Internal Server Error"}, false, "telegram.network", 0},
		{"unauthorized", telegramtest.Failure{Code: 401, Description: "Unauthorized"}, false, "health.token_invalid", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, nil)
			e.srv.Fail("sendMessage", c.fail)
			_, err := e.connector().Send(t.Context(), e.outbound(anna, "Здравствуйте"))
			var se *inbox.SendError
			if !errors.As(err, &se) {
				t.Fatalf("Send = %v; want *inbox.SendError", err)
			}
			if se.Permanent != c.permanent || se.Reason != c.reason || se.RetryAfter != c.retry {
				t.Errorf("Send = permanent %v reason %q retry %v; want %v %q %v", se.Permanent, se.Reason, se.RetryAfter, c.permanent, c.reason, c.retry)
			}
			if strings.Contains(err.Error(), testToken) {
				t.Errorf("error text holds the token: %v", err)
			}
		})
	}
}

func TestConnector_Send_UnauthorizedBreaksHealth(t *testing.T) {
	e := newEnv(t, nil)
	c := e.connector()
	_, done := e.run(c)
	e.sink.WaitHealth(e.t, inbox.HealthOK, "")
	e.srv.SetToken("123456789:revoked")
	_, err := c.Send(t.Context(), e.outbound(anna, "Здравствуйте"))
	if se := inbox.AsSendError(err); se.Permanent || se.Reason != "health.token_invalid" {
		t.Errorf("Send = %v; want temporary health.token_invalid", err)
	}
	if !e.sink.SawHealth(inbox.HealthError, "health.token_invalid") {
		t.Error("401 on send did not turn the health to error")
	}
	select {
	case err := <-done:
		if conntest.ErrKey(err) != "health.token_invalid" {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("Run goes on with a revoked token")
	}
}

func TestConnector_Send_NetworkDown(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.Stop()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	_, err := e.connector().Send(ctx, e.outbound(anna, "Здравствуйте"))
	if se := inbox.AsSendError(err); se.Permanent || se.Reason != "telegram.network" {
		t.Errorf("Send = %v; want temporary telegram.network", err)
	}
}

func TestConnector_Send_MissingFile(t *testing.T) {
	e := newEnv(t, nil)
	_, err := e.connector().Send(t.Context(), e.outbound(anna, "", inbox.Attachment{Kind: inbox.AttachFile, Name: "нет.pdf", Path: "outbox/нет.pdf"}))
	if se := inbox.AsSendError(err); !se.Permanent || se.Reason != "telegram.file_missing" {
		t.Errorf("Send = %v; want permanent telegram.file_missing", err)
	}
	if n := len(e.srv.Sent()); n != 0 {
		t.Errorf("%d messages went out", n)
	}
}

func TestConnector_Limits(t *testing.T) {
	e := newEnv(t, nil)
	if l := e.connector().Limits(); l.TextLen != 4096 || l.ImageSize != 10<<20 || l.FileSize != 50<<20 {
		t.Errorf("Limits() = %+v", l)
	}
	e.acc.Settings[telegram.SettingAPIURL] = "http://127.0.0.1:8081"
	if l := e.connector().Limits(); l.FileSize != 2000<<20 || l.ImageSize != 10<<20 {
		t.Errorf("Limits() with a local server = %+v", l)
	}
}
