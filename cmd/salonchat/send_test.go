package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"salonchat/attach"
	"salonchat/inbox"
	"salonchat/storage"
)

// demoFolder is a data folder with the demo salon.
func demoFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, errOut := runCmd(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut)
	}
	return dir
}

// readStore runs fn on the folder's store, closed again before the next command.
func readStore(t *testing.T, dir string, fn func(tx inbox.ReadTx) error) {
	t.Helper()
	st, err := storage.Open(filepath.Join(dir, storeFile))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.View(fn); err != nil {
		t.Fatal(err)
	}
}

// findChat finds a chat of the network; with unassigned, one whose current dialog is live
// and taken by nobody, where a first reply assigns the sender.
func findChat(t *testing.T, dir string, net inbox.Network, unassigned bool) (c inbox.Chat) {
	t.Helper()
	readStore(t, dir, func(tx inbox.ReadTx) error {
		return tx.WalkChats(func(ch inbox.Chat) error {
			d, err := tx.Dialog(ch.Dialog)
			if err == nil && c.ID == 0 && ch.Network == net && (!unassigned || d.Live() && d.Assignee == 0) {
				c = ch
			}
			return nil
		})
	})
	if c.ID == 0 {
		t.Fatalf("the demo salon has no unassigned %s dialog", net)
	}
	return c
}

func TestRun_SendQueuesLikeTheComposer(t *testing.T) {
	dir := demoFolder(t)
	c := findChat(t, dir, inbox.WhatsApp, true)
	photo := filepath.Join(t.TempDir(), "большое фото.jpg")
	must(t, os.WriteFile(photo, nil, 0o600))
	must(t, os.Truncate(photo, 20<<20)) // over WhatsApp's 16 MB for photos: goes as a file
	code, out, errOut := runCmd(t, "send", "--data", dir, "--chat", strconv.Itoa(int(c.ID)),
		"--text", "  Добрый день! Ждём вас в субботу  ", "--file", photo, "--operator", "ольга кузнецова")
	if code != 0 {
		t.Fatalf("send: exit %d: %s", code, errOut)
	}
	id, err := strconv.ParseUint(strings.TrimSpace(out), 10, 64)
	if err != nil {
		t.Fatalf("send printed %q; want the message id", out)
	}
	readStore(t, dir, func(tx inbox.ReadTx) error {
		m, err := tx.Message(inbox.MessageID(id))
		if err != nil {
			return err
		}
		if m.Direction != inbox.DirOutbound || m.Text != "Добрый день! Ждём вас в субботу" ||
			m.Delivery == nil || m.Delivery.State != inbox.Queued {
			t.Errorf("queued message %+v", m)
		}
		if len(m.Attachments) != 1 || m.Attachments[0].Kind != inbox.AttachFile || m.Attachments[0].Size != 20<<20 {
			t.Fatalf("attachments %+v; want the photo as a file", m.Attachments)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(m.Attachments[0].Path))); err != nil {
			t.Errorf("attachment not copied into the data folder: %v", err)
		}
		ops, _ := tx.Operators()
		var olga inbox.Operator
		for _, o := range ops {
			if o.Name == "Ольга Кузнецова" {
				olga = o
			}
		}
		if d, _ := tx.Dialog(m.Dialog); olga.ID == 0 || d.Assignee != olga.ID || m.Author != olga.ID {
			t.Errorf("dialog assignee %d, author %d; want %d (%s)", d.Assignee, m.Author, olga.ID, olga.Name)
		}
		ms, err := tx.Messages(c.ID, 0, 3)
		if err != nil {
			return err
		}
		taken := false
		for _, x := range ms {
			taken = taken || x.System != nil && x.System.Kind == inbox.SysTaken && x.System.Operator == olga.ID
		}
		if !taken {
			t.Error("no «взят в работу» note before the message")
		}
		queued, err := tx.Queued()
		if err != nil || len(queued) == 0 || queued[len(queued)-1] != m.ID {
			t.Errorf("outbox queue %v; want it to end with %d", queued, m.ID)
		}
		return nil
	})
}

func TestRun_SendRefused(t *testing.T) {
	dir := demoFolder(t)
	c := findChat(t, dir, inbox.Telegram, false) // files up to 50 MB
	chat := strconv.Itoa(int(c.ID))
	big := filepath.Join(t.TempDir(), "запись.mp4")
	must(t, os.WriteFile(big, nil, 0o600))
	must(t, os.Truncate(big, 60<<20))
	small := filepath.Join(t.TempDir(), "прайс.pdf")
	must(t, os.WriteFile(small, []byte("%PDF-1.4"), 0o600))
	cases := []struct {
		name string
		args []string
		key  string
		keyA map[string]any
	}{
		{"empty text", []string{"--chat", chat, "--text", "   "}, "send.empty", nil},
		{"unknown chat", []string{"--chat", "99999", "--text", "Здравствуйте"}, "cli.chat_not_found", map[string]any{"ID": 99999}},
		{"file too large", []string{"--chat", chat, "--text", "Видео", "--file", small, "--file", big},
			"send.file_too_large", map[string]any{"Name": "запись.mp4", "LimitMB": 50}},
		{"unfilled field", []string{"--chat", chat, "--text", "Здравствуйте, {Клиент.Имя}!", "--file", small},
			"send.unfilled_field", map[string]any{"Field": "Клиент.Имя"}},
		{"unreadable file", []string{"--chat", chat, "--text", "Прайс", "--file", small + ".нет"},
			"composer.attach.unreadable", map[string]any{"Name": "прайс.pdf.нет"}},
		{"unknown operator", []string{"--chat", chat, "--text", "Прайс", "--operator", "Зинаида"},
			"cli.operator_not_found", map[string]any{"Name": "Зинаида", "List": ""}},
	}
	_, before := storeCounts(t, dir)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"send", "--data", dir, "--operator", "1"}, tc.args...)
			code, out, errOut := runCmd(t, args...)
			want := translated(t, tc.key, tc.keyA) // with List "", the sentence before the list
			if code != exitError || out != "" || !containsAny(errOut, want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want the refusal %q", code, out, errOut, want)
			}
		})
	}
	t.Run("disabled account", func(t *testing.T) {
		if code, _, errOut := runCmd(t, "accounts", "disable", strconv.Itoa(int(c.Account)), "--data", dir); code != 0 {
			t.Fatalf("disable: exit %d: %s", code, errOut)
		}
		code, _, errOut := runCmd(t, "send", "--data", dir, "--operator", "1", "--chat", chat, "--text", "Ждём вас", "--file", small)
		var title string
		readStore(t, dir, func(tx inbox.ReadTx) error {
			a, err := tx.Account(c.Account)
			title = a.Title
			return err
		})
		if code != exitError || !containsAny(errOut, translated(t, "send.account_disabled", map[string]any{"Account": title})) {
			t.Errorf("send through a disabled account: exit %d, %q; want the reason", code, errOut)
		}
	})
	if _, after := storeCounts(t, dir); after != before {
		t.Errorf("refused sends stored %d messages", after-before)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, attach.OutboxDir)); len(entries) != 0 {
		t.Errorf("refused sends left files in the outbox: %v", entries)
	}
}

func TestRun_SendChoosesOperator(t *testing.T) {
	dir := demoFolder(t)
	chat := strconv.Itoa(int(findChat(t, dir, inbox.VK, false).ID))
	code, _, errOut := runCmd(t, "send", "--data", dir, "--chat", chat, "--text", "Здравствуйте")
	if code != exitError || !strings.Contains(errOut, "--operator") || !strings.Contains(errOut, "Ольга Кузнецова") {
		t.Errorf("several active operators and no --operator: exit %d, %q; want how to choose", code, errOut)
	}
	for _, op := range []string{"2", "Анна Смирнова"} {
		if code, _, errOut := runCmd(t, "send", "--data", dir, "--chat", chat, "--text", "Здравствуйте", "--operator", op); code != 0 {
			t.Errorf("--operator %s: exit %d: %s", op, code, errOut)
		}
	}
}

func TestPickOperator(t *testing.T) {
	anna := inbox.Operator{ID: 1, Name: "Анна", Active: true}
	olga := inbox.Operator{ID: 2, Name: "Ольга", Active: false}
	cases := []struct {
		ops  []inbox.Operator
		want string
		id   inbox.OperatorID
		key  string
	}{
		{[]inbox.Operator{anna, olga}, "", 1, ""}, // the only active one
		{[]inbox.Operator{anna, olga}, "анна", 1, ""},
		{[]inbox.Operator{anna, olga}, "1", 1, ""},
		{[]inbox.Operator{anna, olga}, "Ольга", 0, "cli.operator_inactive"},
		{[]inbox.Operator{olga}, "", 0, "cli.no_operator"},
		{[]inbox.Operator{anna, {ID: 3, Name: "Дарья", Active: true}}, "", 0, "cli.choose_operator"},
	}
	for _, c := range cases {
		op, err := pickOperator(c.ops, c.want)
		key := ""
		if err != nil {
			key, _ = inbox.ErrorKey(err)
		}
		if key != c.key || (err == nil && op.ID != c.id) {
			t.Errorf("pickOperator(%v, %q) = %d, %v; want %d, %q", c.ops, c.want, op.ID, err, c.id, c.key)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
