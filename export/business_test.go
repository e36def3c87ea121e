package export_test

import (
	"testing"
	"time"

	"salonchat/export"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

// A Telegram Business chat is evidence like any other: the connection, the reply typed on
// the salon's phone and the message the client deleted (with its text) are all exported.
func TestWrite_Business(t *testing.T) {
	store := inboxtest.NewMemStore()
	clock := inboxtest.NewClock(time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC))
	svc := inbox.NewService(store, inbox.WithClock(clock))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	acc, err := svc.AddAccount(inbox.Account{Network: inbox.Telegram, Title: "@lotos_bot"})
	must(err)
	must(svc.SetConnection(inbox.Connection{Account: acc.ID, ID: "bc1", UserID: "777", Username: "lotos_salon",
		CanReply: true, Enabled: true, ReplyWindow: 24 * time.Hour}))
	in := inbox.Inbound{Account: acc.ID, Peer: "bc1:42", Via: "bc1", ExternalID: "1", Text: "Отмените запись"}
	r, err := svc.Receive(in)
	must(err)
	in.ExternalID, in.Text, in.FromAccount = "2", "Отменила", true
	_, err = svc.Receive(in)
	must(err)
	deleted := clock.Now().Add(time.Minute)
	must(svc.MarkDeleted(acc.ID, "bc1:42", []inbox.ExternalID{"1"}, deleted))

	_, got := records(t, store, export.Filter{})
	if c := got["connection"]; len(c) != 1 || c[0]["id"] != "bc1" || c[0]["username"] != "lotos_salon" ||
		c[0]["can_reply"] != true || c[0]["reply_window"] != float64(86400) {
		t.Errorf("connection records = %v", c)
	}
	if c := got["chat"]; len(c) != 1 || c[0]["via"] != "bc1" || c[0]["id"] != float64(r.Chat) {
		t.Errorf("chat records = %v; want the business chat with via", c)
	}
	ms := got["message"]
	if len(ms) != 2 {
		t.Fatalf("message records = %v; want 2", ms)
	}
	if ms[0]["text"] != "Отмените запись" || ms[0]["deleted"] != deleted.Format(time.RFC3339) || ms[0]["elsewhere"] != nil {
		t.Errorf("deleted message = %v; want its text and when it was deleted", ms[0])
	}
	if ms[1]["elsewhere"] != true || ms[1]["direction"] != "outbound" || ms[1]["author"] != nil || ms[1]["deleted"] != nil {
		t.Errorf("phone reply = %v; want outbound, elsewhere, no author", ms[1])
	}
}
