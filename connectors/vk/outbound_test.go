package vk_test

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
	"salonchat/connectors/vk"
	"salonchat/connectors/vk/vktest"
	"salonchat/inbox"
)

// outbound is a queued message to a VK user, as the outbox hands it over; id is the
// stored message's id.
func (e *env) outbound(id inbox.MessageID, userID int, text string, atts ...inbox.Attachment) inbox.Outbound {
	return inbox.Outbound{
		Message: inbox.Message{ID: id, Direction: inbox.DirOutbound, Text: text, Attachments: atts},
		Chat:    inbox.Chat{Account: e.acc.ID, Network: inbox.VK, Peer: vk.MakePeerID(userID)},
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
	out := e.outbound(41, anna, "Анна, ждём вас в субботу в 12:00!")
	out.Message.ReplyTo = "109"
	id, err := e.connector().Send(t.Context(), out)
	if err != nil {
		t.Fatal(err)
	}
	sent := e.srv.Sent()
	if len(sent) != 1 {
		t.Fatalf("sent %d messages; want 1", len(sent))
	}
	s := sent[0]
	if s.PeerID != anna || s.Text != out.Message.Text || s.ReplyTo != 109 || s.RandomID == 0 || s.Attachments != "" {
		t.Errorf("sent %+v", s)
	}
	if want := vk.MakeMessageID(s.MessageID); id != want {
		t.Errorf("Send = %q; want %q", id, want)
	}
}

// TestConnector_Send_RetryDoesNotDouble loses VK's answer to a message that did go out:
// the outbox's retry carries the same random_id, so VK sends nothing new and answers
// with the id of the message it already has.
func TestConnector_Send_RetryDoesNotDouble(t *testing.T) {
	e := newEnv(t, nil)
	out := e.outbound(42, anna, "Напоминаем о записи завтра в 15:00")
	e.srv.Fail("messages.send", vktest.Failure{Lost: true})
	_, err := e.connector().Send(t.Context(), out)
	if se := inbox.AsSendError(err); err == nil || se.Permanent {
		t.Fatalf("Send with the answer lost = %v; want a temporary failure", err)
	}
	// The outbox tries again later, perhaps after a restart: a new connector.
	id, err := e.connector().Send(t.Context(), out)
	if err != nil {
		t.Fatal(err)
	}
	sent := e.srv.Sent()
	if len(sent) != 1 {
		t.Fatalf("VK got %d messages; want 1 (the retry doubled it)", len(sent))
	}
	if want := vk.MakeMessageID(sent[0].MessageID); id != want {
		t.Errorf("retry returned %q; want the id of the message that went out, %q", id, want)
	}
	if n := e.srv.Calls("messages.send"); n != 2 {
		t.Errorf("messages.send called %d times; want 2", n)
	}

	// Another message gets another random_id.
	if _, err := e.connector().Send(t.Context(), e.outbound(43, anna, "Напоминаем о записи завтра в 15:00")); err != nil {
		t.Fatal(err)
	}
	if sent := e.srv.Sent(); len(sent) != 2 || sent[0].RandomID == sent[1].RandomID {
		t.Errorf("two messages sent as %+v; want two with different random ids", sent)
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
	out := e.outbound(44, anna, text)
	// The third part fails once: the retry must not send the first two again.
	e.srv.Fail("messages.send", vktest.Failure{Pass: true}, vktest.Failure{Pass: true}, vktest.Failure{Code: 10})
	c := e.connector()
	if _, err := c.Send(t.Context(), out); err == nil || inbox.AsSendError(err).Permanent || inbox.AsSendError(err).Reason != "vk.server_error" {
		t.Fatalf("Send with the third part failing = %v; want temporary vk.server_error", err)
	}
	id, err := c.Send(t.Context(), out)
	if err != nil {
		t.Fatal(err)
	}
	sent := e.srv.Sent()
	if len(sent) < 4 {
		t.Fatalf("%d parts; want the text split in at least 4", len(sent))
	}
	var joined []string
	seen := map[int64]bool{}
	for i, s := range sent {
		if n := len(utf16.Encode([]rune(s.Text))); n > 4096 {
			t.Errorf("part %d is %d UTF-16 units long", i, n)
		}
		if i < len(sent)-1 && !strings.HasSuffix(s.Text, ".") {
			t.Errorf("part %d ends mid-sentence: …%q", i, s.Text[max(0, len(s.Text)-20):])
		}
		if seen[s.RandomID] {
			t.Errorf("part %d repeats random_id %d", i, s.RandomID)
		}
		seen[s.RandomID] = true
		joined = append(joined, s.Text)
	}
	if strings.Join(strings.Fields(strings.Join(joined, " ")), " ") != strings.Join(strings.Fields(text), " ") {
		t.Error("the parts do not add up to the text (a part was lost or sent twice)")
	}
	if want := vk.MakeMessageID(sent[len(sent)-1].MessageID); id != want {
		t.Errorf("Send = %q; want the last part's id %q", id, want)
	}
}

func TestConnector_Send_PhotoAndDocument(t *testing.T) {
	e := newEnv(t, nil)
	photo := bytes.Repeat([]byte{0xFF, 0xD8, 0xFF}, 5000)
	doc := []byte("%PDF-1.4 прайс-лист")
	photoRel := e.writeFile("работа.jpg", photo)
	docAbs := filepath.Join(e.opts.DataDir, filepath.FromSlash(e.writeFile("price.pdf", doc)))

	id, err := e.connector().Send(t.Context(), e.outbound(45, anna, "Вот пример работы мастера",
		inbox.Attachment{Kind: inbox.AttachImage, Name: "работа.jpg", Path: photoRel, Size: int64(len(photo))},
		inbox.Attachment{Kind: inbox.AttachFile, Name: "Прайс.pdf", Path: docAbs, Size: int64(len(doc))}))
	if err != nil {
		t.Fatal(err)
	}
	ups := e.srv.Uploads()
	if len(ups) != 2 {
		t.Fatalf("%d uploads; want photo and document", len(ups))
	}
	p, d := ups[0], ups[1]
	if p.Server != "photo" || p.Field != "photo" || p.FileName != "работа.jpg" || !bytes.Equal(p.Data, photo) {
		t.Errorf("photo uploaded as %s/%s %q, %d bytes", p.Server, p.Field, p.FileName, len(p.Data))
	}
	if d.Server != "doc" || d.Field != "file" || d.FileName != "Прайс.pdf" || !bytes.Equal(d.Data, doc) {
		t.Errorf("document uploaded as %s/%s %q, %d bytes", d.Server, d.Field, d.FileName, len(d.Data))
	}
	sent := e.srv.Sent()
	if len(sent) != 1 {
		t.Fatalf("sent %d messages; want the text with both files", len(sent))
	}
	if s := sent[0]; s.Text != "Вот пример работы мастера" || s.Attachments != "photo-229000001_457239001_ak1,doc-229000001_675000002" {
		t.Errorf("sent text %q attachments %q", s.Text, s.Attachments)
	}
	if want := vk.MakeMessageID(sent[0].MessageID); id != want {
		t.Errorf("Send = %q; want %q", id, want)
	}
}

func TestConnector_Send_PictureRefusedAsPhotoGoesAsFile(t *testing.T) {
	e := newEnv(t, nil)
	rel := e.writeFile("панорама.png", []byte("\x89PNG very wide"))
	e.srv.Fail("upload/photo", vktest.Failure{})
	if _, err := e.connector().Send(t.Context(), e.outbound(46, anna, "", inbox.Attachment{Kind: inbox.AttachImage, Name: "панорама.png", Path: rel})); err != nil {
		t.Fatal(err)
	}
	ups := e.srv.Uploads()
	if len(ups) != 1 || ups[0].Server != "doc" || ups[0].FileName != "панорама.png" {
		t.Errorf("uploads %+v; want the picture as a document", ups)
	}
	if sent := e.srv.Sent(); len(sent) != 1 || !strings.HasPrefix(sent[0].Attachments, "doc-229000001_") || sent[0].Text != "" {
		t.Errorf("sent %+v; want one document", sent)
	}
}

func TestConnector_Send_PlaceAndManyFiles(t *testing.T) {
	e := newEnv(t, nil)
	var atts []inbox.Attachment
	for i := range 12 {
		atts = append(atts, inbox.Attachment{Kind: inbox.AttachFile, Name: "f.txt", Path: e.writeFile("f"+string(rune('a'+i))+".txt", []byte{byte(i)})})
	}
	atts = append(atts, inbox.Attachment{Kind: inbox.AttachLocation, Lat: 55.751244, Lon: 37.618423})
	if _, err := e.connector().Send(t.Context(), e.outbound(47, anna, "Наш адрес и документы", atts...)); err != nil {
		t.Fatal(err)
	}
	sent := e.srv.Sent()
	if len(sent) != 3 {
		t.Fatalf("sent %d messages; want text with 10 files, 2 files, the place", len(sent))
	}
	if n := strings.Count(sent[0].Attachments, "doc"); sent[0].Text != "Наш адрес и документы" || n != 10 {
		t.Errorf("first part: text %q, %d files", sent[0].Text, n)
	}
	if n := strings.Count(sent[1].Attachments, "doc"); sent[1].Text != "" || n != 2 {
		t.Errorf("second part: text %q, %d files", sent[1].Text, n)
	}
	if sent[2].Lat != "55.751244" || sent[2].Long != "37.618423" {
		t.Errorf("place sent as %+v", sent[2])
	}
}

func TestConnector_Send_Errors(t *testing.T) {
	cases := []struct {
		name      string
		fail      vktest.Failure
		permanent bool
		reason    string
		retry     time.Duration
	}{
		{"never allowed messages", vktest.Failure{Code: 901}, true, "vk.cannot_write", 0},
		{"privacy", vktest.Failure{Code: 902}, true, "vk.privacy", 0},
		{"blacklisted", vktest.Failure{Code: 900}, true, "vk.blacklisted", 0},
		{"no right to send", vktest.Failure{Code: 15, Message: "Access denied: group messages are disabled"}, true, "vk.send_denied", 0},
		{"bad request", vktest.Failure{Code: 100}, true, "vk.bad_request", 0},
		{"flood control", vktest.Failure{Code: 9}, false, "vk.rate_limited", 30 * time.Second},
		{"internal error", vktest.Failure{Code: 10}, false, "vk.server_error", 0},
		{"gateway", vktest.Failure{HTML: true}, false, "vk.server_error", 0},
		{"key deleted", vktest.Failure{Code: 5}, false, "vk.health.token_invalid", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, nil)
			e.srv.Fail("messages.send", c.fail)
			_, err := e.connector().Send(t.Context(), e.outbound(48, anna, "Здравствуйте"))
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

// TestConnector_Send_Denied901 is the usual case of 901: the client never wrote to the
// community (or forbade its messages). The message fails for good with the reason, and
// nothing is retried.
func TestConnector_Send_Denied901(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.Deny(anna, 901)
	_, err := e.connector().Send(t.Context(), e.outbound(49, anna, "Здравствуйте!"))
	if se := inbox.AsSendError(err); !se.Permanent || se.Reason != "vk.cannot_write" {
		t.Errorf("Send = %v; want permanent vk.cannot_write", err)
	}
	if n := len(e.srv.Sent()); n != 0 {
		t.Errorf("%d messages went out", n)
	}
}

func TestConnector_Send_TooManyRequestsRetriedBySDK(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.Fail("messages.send", vktest.Failure{Code: 6})
	if _, err := e.connector().Send(t.Context(), e.outbound(50, anna, "Здравствуйте")); err != nil {
		t.Errorf("Send after one error 6 = %v; want the SDK's own retry to succeed", err)
	}
	if n := len(e.srv.Sent()); n != 1 {
		t.Errorf("%d messages went out; want 1", n)
	}
}

func TestConnector_Send_KeyDeletedBreaksHealth(t *testing.T) {
	e := newEnv(t, nil)
	c := e.connector()
	_, done := e.run(c)
	e.sink.WaitHealth(e.t, inbox.HealthOK, "")
	e.srv.Fail("messages.send", vktest.Failure{Code: 5})
	_, err := c.Send(t.Context(), e.outbound(51, anna, "Здравствуйте"))
	if se := inbox.AsSendError(err); se.Permanent || se.Reason != "vk.health.token_invalid" {
		t.Errorf("Send = %v; want temporary vk.health.token_invalid", err)
	}
	if !e.sink.SawHealth(inbox.HealthError, "vk.health.token_invalid") {
		t.Error("error 5 on send did not turn the health to error")
	}
	e.srv.SetToken("vk1.a.revoked_for_real_now_000000000000000000000000000000")
	select {
	case err := <-done:
		if conntest.ErrKey(err) != "vk.health.token_invalid" {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("Run goes on with a deleted key")
	}
}

func TestConnector_Send_NetworkDown(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.Stop()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	_, err := e.connector().Send(ctx, e.outbound(52, anna, "Здравствуйте"))
	if se := inbox.AsSendError(err); se.Permanent || se.Reason != "vk.network" {
		t.Errorf("Send = %v; want temporary vk.network", err)
	}
}

func TestConnector_Send_FileProblems(t *testing.T) {
	cases := []struct {
		name   string
		att    func(e *env) inbox.Attachment
		fail   func(e *env)
		reason string
	}{
		{"missing", func(e *env) inbox.Attachment {
			return inbox.Attachment{Kind: inbox.AttachFile, Name: "нет.pdf", Path: "outbox/нет.pdf"}
		}, nil, "vk.file_missing"},
		{"refused", func(e *env) inbox.Attachment {
			return inbox.Attachment{Kind: inbox.AttachFile, Name: "setup.exe", Path: e.writeFile("setup.exe", []byte("MZ"))}
		}, func(e *env) { e.srv.Fail("upload/doc", vktest.Failure{Message: "file type is not allowed"}) }, "vk.file_refused"},
		{"too large for the upload server", func(e *env) inbox.Attachment {
			return inbox.Attachment{Kind: inbox.AttachFile, Name: "big.mov", Path: e.writeFile("big.mov", []byte("moov"))}
		}, func(e *env) { e.srv.Fail("upload/doc", vktest.Failure{Code: 413}) }, "vk.file_too_large"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, nil)
			if c.fail != nil {
				c.fail(e)
			}
			_, err := e.connector().Send(t.Context(), e.outbound(53, anna, "файл", c.att(e)))
			if se := inbox.AsSendError(err); !se.Permanent || se.Reason != c.reason {
				t.Errorf("Send = %v; want permanent %s", err, c.reason)
			}
			if n := len(e.srv.Sent()); n != 0 {
				t.Errorf("%d messages went out", n)
			}
		})
	}
}

func TestConnector_Send_GroupChatRefused(t *testing.T) {
	e := newEnv(t, nil)
	_, err := e.connector().Send(t.Context(), e.outbound(54, 2000000001, "Здравствуйте"))
	if se := inbox.AsSendError(err); !se.Permanent || se.Reason != "vk.chat_invalid" {
		t.Errorf("Send = %v; want permanent vk.chat_invalid", err)
	}
}

func TestConnector_Limits(t *testing.T) {
	e := newEnv(t, nil)
	if l := e.connector().Limits(); l.TextLen != 4096 || l.ImageSize != 50<<20 || l.FileSize != 200<<20 {
		t.Errorf("Limits() = %+v", l)
	}
}
