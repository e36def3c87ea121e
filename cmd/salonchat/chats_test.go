package main

import (
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"salonchat/demo"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
	"salonchat/storage"
)

func TestRun_Chats(t *testing.T) {
	dir := demoFolder(t)
	code, out, errOut := runCmd(t, "chats", "--data", dir)
	if code != 0 {
		t.Fatalf("chats: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	type row struct {
		fields []string
		status inbox.DialogStatus
	}
	want := map[inbox.ChatID]row{}
	readStore(t, dir, func(tx inbox.ReadTx) error {
		return tx.WalkChats(func(c inbox.Chat) error {
			acc, err := tx.Account(c.Account)
			if err != nil {
				return err
			}
			d, err := tx.Dialog(c.Dialog)
			if err != nil {
				return err
			}
			phone := ""
			if c.Phone != "" {
				phone = inbox.FormatPhone(c.Phone)
			}
			title := acc.Title
			if c.Via != "" {
				conn, err := tx.Connection(c.Account, c.Via)
				if err != nil {
					return err
				}
				title += " · " + conn.Label()
			}
			want[c.ID] = row{[]string{string(c.Network), title, c.Title(), phone}, d.Status}
			return nil
		})
	})
	if len(lines) != len(want) || len(want) != 43 {
		t.Fatalf("%d lines for %d chats", len(lines), len(want))
	}
	states := map[inbox.DialogStatus][]string{
		inbox.DialogOpen:   append(translated(t, "client.dialog.open", nil), translated(t, "client.dialog.awaiting", nil)...),
		inbox.DialogClosed: translated(t, "client.dialog.closed", nil),
	}
	var prev uint64
	for _, line := range lines {
		f := strings.Split(line, "\t")
		id, err := strconv.ParseUint(f[0], 10, 64)
		if len(f) != 6 || err != nil || id <= prev {
			t.Fatalf("line %q: want 6 tab-separated fields starting with a rising chat id", line)
		}
		prev = id
		w := want[inbox.ChatID(id)]
		if strings.Join(f[1:5], "|") != strings.Join(w.fields, "|") {
			t.Errorf("chat %d: %q; want %q", id, f[1:5], w.fields)
		}
		st, ok := states[w.status]
		if ok && !containsAny(f[5], st) || !ok && !containsAny(f[5], []string{"отложен до", "postponed until"}) {
			t.Errorf("chat %d: state %q for a dialog of status %d", id, f[5], w.status)
		}
	}
	if !strings.Contains(out, "\t@lotos_salon_bot · @lotos_salon\t") {
		t.Error("no chat is marked as come through the salon's own Telegram account")
	}
	if !strings.Contains(out, "Андреева Виктория Павловна") || !strings.Contains(out, "+7 ") {
		t.Error("names in Cyrillic or formatted phones missing")
	}
}

func TestDialogState(t *testing.T) {
	tr, err := translator()
	if err != nil {
		t.Fatal(err)
	}
	until := time.Date(2026, 11, 27, 7, 0, 0, 0, time.Local)
	cases := []struct {
		d   inbox.Dialog
		key string
	}{
		{inbox.Dialog{Status: inbox.DialogOpen, Awaiting: true}, "client.dialog.awaiting"},
		{inbox.Dialog{Status: inbox.DialogOpen}, "client.dialog.open"},
		{inbox.Dialog{Status: inbox.DialogClosed}, "client.dialog.closed"},
		{inbox.Dialog{Status: inbox.DialogPostponed, Awaiting: true, PostponedUntil: until.UTC()}, "client.dialog.postponed"},
	}
	for _, c := range cases {
		got := dialogState(tr, c.d)
		want := tr.T(c.key, map[string]any{"Until": until.Format(tr.T("client.format.datetime"))})
		if got != want || (c.d.Status == inbox.DialogPostponed && !strings.Contains(got, "07:00")) {
			t.Errorf("dialogState(%+v) = %q; want %q", c.d, got, want)
		}
	}
}

func TestTabLine(t *testing.T) {
	got := tabLine("7", "telegram", "", "Анна\tМария\r\nЛи", "")
	if got != "7\ttelegram\t\tАнна Мария  Ли\t\n" {
		t.Errorf("tabLine = %q", got)
	}
}

// BenchmarkRun_Chats lists a generated folder of 20 000 chats; the heap stays flat
// whatever the number of chats, since they are written as they are walked (with 100 000
// chats, GODEBUG=gctrace=1 shows a live heap of about 5 MB).
func BenchmarkRun_Chats(b *testing.B) {
	const chats = 20000
	dir := b.TempDir()
	st, err := storage.Open(filepath.Join(dir, storeFile))
	if err != nil {
		b.Fatal(err)
	}
	if err := demo.Scale(st, chats, 2*chats, 1); err != nil {
		b.Fatal(err)
	}
	st.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if code := run([]string{"chats", "--data", dir}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*chats), "ns/chat")
}

func TestAccountColumn_NamesTheBusinessConnection(t *testing.T) {
	svc := inbox.NewService(inboxtest.NewMemStore())
	acc, err := svc.AddAccount(inbox.Account{Network: inbox.Telegram, Title: "Бот салона"})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SetConnection(inbox.Connection{Account: acc.ID, ID: "bc1", UserID: "500", Username: "lotos_salon",
		Enabled: true, CanReply: true}); err != nil {
		t.Fatal(err)
	}
	err = svc.Store().View(func(tx inbox.ReadTx) error {
		for _, c := range []struct {
			chat inbox.Chat
			want string
		}{
			{inbox.Chat{Account: acc.ID}, "Бот салона"},
			{inbox.Chat{Account: acc.ID, Via: "bc1"}, "Бот салона · @lotos_salon"},
			{inbox.Chat{Account: acc.ID, Via: "gone"}, "Бот салона · gone"},
		} {
			got, err := accountColumn(tx, acc.Title, c.chat)
			if err != nil || got != c.want {
				t.Errorf("accountColumn(via %q) = %q, %v; want %q", c.chat.Via, got, err, c.want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
