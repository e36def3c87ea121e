package whatsapp

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/proto/waHistorySync"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"salonchat/inbox"
)

// TestRun_Receive: a client's message is on the sink before the handler answers true
// (whatsmeow acknowledges only then); its file is downloaded into the account's folder.
func TestRun_Receive(t *testing.T) {
	e := newEnv(t)
	e.fake.files["/v/t62/image"] = []byte("\xff\xd8\xff fake jpeg")
	_, _ = e.run()
	if ack := e.fake.emit(message("3A0001", &waE2E.Message{ImageMessage: imageMsg("Вот такой")})); !ack {
		t.Fatal("handler answered false for a stored message")
	}
	got := e.sink.inbound()
	if len(got) != 1 {
		t.Fatalf("%d messages stored when the handler returned; want 1", len(got))
	}
	in := got[0]
	if in.Account != 7 || in.Peer != "79123456789" || in.Phone != "+79123456789" || in.ChatName != "Анна" || in.Text != "Вот такой" {
		t.Errorf("stored %+v", in)
	}
	a := in.Attachments[0]
	if a.Path != "files/whatsapp-7/3A0001_photo.jpg" || a.Size != 13 || a.RemoteID == "" {
		t.Errorf("attachment %+v; want it downloaded to files/whatsapp-7/3A0001_photo.jpg", a)
	}
	b, err := os.ReadFile(filepath.Join(e.dir, filepath.FromSlash(a.Path)))
	if err != nil || string(b) != "\xff\xd8\xff fake jpeg" {
		t.Errorf("downloaded file: %q, %v", b, err)
	}
	if left, _ := filepath.Glob(filepath.Join(e.dir, "files", "whatsapp-7", ".*.partial")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestRun_Receive_DownloadFails: a file WhatsApp no longer has is kept as an attachment
// without a path; the message is stored anyway.
func TestRun_Receive_DownloadFails(t *testing.T) {
	e := newEnv(t)
	_, _ = e.run()
	if !e.fake.emit(message("3A0002", &waE2E.Message{ImageMessage: imageMsg("")})) {
		t.Fatal("handler answered false")
	}
	in := e.sink.inbound()[0]
	if a := in.Attachments[0]; a.Path != "" || a.RemoteID == "" || a.Kind != inbox.AttachImage {
		t.Errorf("attachment %+v; want no path and a RemoteID", a)
	}
}

// TestRun_Receive_StoreFails: when the store refuses a message the handler answers
// false, so whatsmeow does not acknowledge it and WhatsApp delivers it again.
func TestRun_Receive_StoreFails(t *testing.T) {
	e := newEnv(t)
	_, _ = e.run()
	e.sink.setFail(func(inbox.Inbound) error { return errors.New("disk full") })
	if e.fake.emit(message("3A0003", text("Алло"))) {
		t.Fatal("handler acknowledged a message that is not stored")
	}
	e.sink.setFail(nil)
	if !e.fake.emit(message("3A0003", text("Алло"))) || len(e.sink.inbound()) != 1 {
		t.Fatal("the redelivered message was not stored")
	}
}

// TestRun_Receive_Ignored: the salon's own messages, groups and history are answered
// true (acknowledged) and not stored.
func TestRun_Receive_Ignored(t *testing.T) {
	e := newEnv(t)
	_, _ = e.run()
	own := message("3EB0OWN", text("Ответ с телефона"))
	own.Info.IsFromMe = true
	group := message("3A0004", text("Всем привет"))
	group.Info.Chat, group.Info.IsGroup = types.NewJID("120363000000000001", types.GroupServer), true
	status := message("3A0005", text("Моя история"))
	status.Info.Chat = types.StatusBroadcastJID
	revoke := message("3A0006", &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{Type: waE2E.ProtocolMessage_REVOKE.Enum()}})
	for _, evt := range []any{own, group, status, revoke,
		&events.HistorySync{Data: &waHistorySync.HistorySync{Conversations: []*waHistorySync.Conversation{{}}}}} {
		if !e.fake.emit(evt) {
			t.Errorf("handler answered false for %T", evt)
		}
	}
	if n := len(e.sink.inbound()); n != 0 {
		t.Errorf("%d messages stored; want none", n)
	}
	if !strings.Contains(e.logs.String(), "history sync not imported") {
		t.Error("the ignored history sync is not in the log")
	}
}

// TestRun_Receive_AfterStop: a message arriving while Run ends is not acknowledged.
func TestRun_Receive_AfterStop(t *testing.T) {
	e := newEnv(t)
	stop, _ := e.run()
	e.fake.mu.Lock()
	h := e.fake.handler
	e.fake.mu.Unlock()
	stop()
	if h(message("3A0007", text("Поздно"))) {
		t.Error("a message was acknowledged after Run ended")
	}
}

// TestRun_Receipts: delivered and read receipts move the outbound message on; others
// are ignored.
func TestRun_Receipts(t *testing.T) {
	e := newEnv(t)
	_, _ = e.run()
	src := types.MessageSource{Chat: clientLID, Sender: clientLID, SenderAlt: clientPN}
	e.fake.emit(&events.Receipt{MessageSource: src, MessageIDs: []types.MessageID{"3EB0AAA", "3EB0BBB"}, Type: types.ReceiptTypeDelivered})
	e.fake.emit(&events.Receipt{MessageSource: src, MessageIDs: []types.MessageID{"3EB0AAA"}, Type: types.ReceiptTypeRead})
	e.fake.emit(&events.Receipt{MessageSource: src, MessageIDs: []types.MessageID{"3EB0CCC"}, Type: types.ReceiptTypePlayed})
	e.fake.emit(&events.Receipt{MessageSource: src, MessageIDs: []types.MessageID{"3EB0DDD"}, Type: types.ReceiptTypeRetry})
	self := src
	self.IsFromMe = true
	e.fake.emit(&events.Receipt{MessageSource: self, MessageIDs: []types.MessageID{"3A0001"}, Type: types.ReceiptTypeReadSelf})
	want := []receipt{{"79123456789", "3EB0AAA", inbox.Delivered}, {"79123456789", "3EB0BBB", inbox.Delivered},
		{"79123456789", "3EB0AAA", inbox.Read}, {"79123456789", "3EB0CCC", inbox.Read}}
	waitFor(t, "receipts", func() bool { return len(e.sink.receiptList()) >= len(want) })
	time.Sleep(20 * time.Millisecond)
	got := e.sink.receiptList()
	if len(got) != len(want) {
		t.Fatalf("receipts %v; want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("receipt %d = %v; want %v", i, got[i], want[i])
		}
	}
}

// TestRun_Receipts_Held: a receipt that overtakes the end of its Send waits until the
// outbox can have recorded the message's id.
func TestRun_Receipts_Held(t *testing.T) {
	e := newEnv(t)
	_, _ = e.run()
	e.c.sends.start("3EB0FAST", time.Now())
	e.fake.emit(&events.Receipt{MessageSource: types.MessageSource{Chat: clientPN, Sender: clientPN},
		MessageIDs: []types.MessageID{"3EB0FAST"}, Type: types.ReceiptTypeDelivered})
	time.Sleep(50 * time.Millisecond)
	if n := len(e.sink.receiptList()); n != 0 {
		t.Fatalf("receipt passed on while its send was still running")
	}
	finished := time.Now()
	e.c.sends.finish("3EB0FAST", finished)
	waitFor(t, "held receipt", func() bool { return len(e.sink.receiptList()) == 1 })
	if held := time.Since(finished); held < receiptHold-100*time.Millisecond {
		t.Errorf("receipt passed on %v after the send returned; want about %v", held, receiptHold)
	}
}
