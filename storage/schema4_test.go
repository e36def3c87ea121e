package storage_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"salonchat/export"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
	"salonchat/storage"
)

// gunzip reads a gzip-compressed file of testdata.
func gunzip(t *testing.T, name string) []byte {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// openSchema3Demo opens a copy of the demo salon as SalonChat 0.x wrote it with schema 3
// (testdata/schema3-demo.db.gz, made by `salonchat demo` before schema 4 and compacted).
func openSchema3Demo(t *testing.T) *storage.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "salonchat.db")
	if err := os.WriteFile(path, gunzip(t, "schema3-demo.db.gz"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestSchema4_ReadsSchema3FileUnchanged: after the migration every record of a schema-3
// file reads back as it did: the export is byte for byte the one SalonChat wrote from
// that file before schema 4 (testdata/schema3-demo.export.jsonl.gz).
func TestSchema4_ReadsSchema3FileUnchanged(t *testing.T) {
	s := openSchema3Demo(t)
	if v, err := s.SchemaVersion(); err != nil || v != 4 {
		t.Fatalf("SchemaVersion = %d, %v; want 4", v, err)
	}
	var got bytes.Buffer
	if err := export.Write(&got, s, export.Filter{}); err != nil {
		t.Fatal(err)
	}
	want := gunzip(t, "schema3-demo.export.jsonl.gz")
	if !bytes.Equal(got.Bytes(), want) {
		g, w := bytes.Split(got.Bytes(), []byte("\n")), bytes.Split(want, []byte("\n"))
		for i := range min(len(g), len(w)) {
			if !bytes.Equal(g[i], w[i]) {
				t.Fatalf("export line %d differs after the migration:\n got %s\nwant %s", i+1, g[i], w[i])
			}
		}
		t.Fatalf("export has %d lines; want %d", len(g), len(w))
	}
	inboxtest.CheckCounts(t, s)
}

// TestSchema4_ContinuesSchema3Chats: chats, dialogs and messages stored with schema 3 go
// on with new ones: a network id received before is still a duplicate, a closed chat gets
// a new dialog that becomes its current one, a live dialog of schema 3 takes the next
// message, threads page across both kinds of ids, and the outbox's queue stays oldest
// first.
func TestSchema4_ContinuesSchema3Chats(t *testing.T) {
	s := openSchema3Demo(t)
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	svc := inbox.NewService(s, inbox.WithClock(inboxtest.NewClock(at)))

	type legacyChat struct {
		chat    inbox.Chat
		dialogs []inbox.Dialog
		msgs    []inbox.Message
		lastExt inbox.Message // the newest message with a network id
	}
	var closed, live *legacyChat
	var failed inbox.MessageID
	err := s.View(func(tx inbox.ReadTx) error {
		return tx.WalkChats(func(c inbox.Chat) error {
			ds, err := tx.DialogsOfChat(c.ID)
			if err != nil {
				return err
			}
			ms, err := tx.Messages(c.ID, 0, 1000)
			if err != nil {
				return err
			}
			lc := &legacyChat{chat: c, dialogs: ds, msgs: ms}
			for _, m := range ms {
				if m.ExternalID != "" && m.Direction == inbox.DirInbound {
					lc.lastExt = m
				}
				if m.Delivery != nil && m.Delivery.State == inbox.Failed {
					failed = m.ID
				}
			}
			cur := ds[len(ds)-1]
			switch {
			case lc.lastExt.ID == 0 || c.Via != "" || cur.ID != c.Dialog:
			case cur.Status == inbox.DialogClosed && closed == nil:
				closed = lc
			case cur.Live() && live == nil && len(ms) > 1:
				live = lc
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if closed == nil || live == nil || failed == 0 {
		t.Fatalf("the demo file lacks a closed chat (%v), a live one (%v) or a failed message (%d)", closed != nil, live != nil, failed)
	}

	for _, lc := range []*legacyChat{closed, live} {
		r, err := svc.Receive(inbox.Inbound{Account: lc.chat.Account, Peer: lc.chat.Peer, ExternalID: lc.lastExt.ExternalID, Text: "again"})
		if err != nil || !r.Duplicate {
			t.Errorf("receiving network id %q of schema 3 again = %+v, %v; want a duplicate", lc.lastExt.ExternalID, r, err)
		}
	}

	r, err := svc.Receive(inbox.Inbound{Account: closed.chat.Account, Peer: closed.chat.Peer, ExternalID: "schema4-1", Text: "Здравствуйте, снова я"})
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(closed.dialogs, func(d inbox.Dialog) bool { return d.ID == r.Dialog }) {
		t.Fatalf("a message after a closed dialog went to dialog %d of schema 3", r.Dialog)
	}
	r2, err := svc.Receive(inbox.Inbound{Account: live.chat.Account, Peer: live.chat.Peer, ExternalID: "schema4-2", Text: "Ещё вопрос"})
	if err != nil {
		t.Fatal(err)
	}
	if r2.Dialog != live.chat.Dialog {
		t.Errorf("a message to a live dialog of schema 3 went to dialog %d; want %d", r2.Dialog, live.chat.Dialog)
	}

	err = s.View(func(tx inbox.ReadTx) error {
		c, err := tx.Chat(closed.chat.ID)
		if err != nil || c.Dialog != r.Dialog {
			t.Errorf("Chat.Dialog = %d, %v; want the new dialog %d", c.Dialog, err, r.Dialog)
		}
		ds, err := tx.DialogsOfChat(closed.chat.ID)
		if err != nil || len(ds) != len(closed.dialogs)+1 || ds[len(ds)-1].ID != r.Dialog {
			t.Errorf("DialogsOfChat = %d dialogs (last %d), %v; want the %d of schema 3 and %d last", len(ds), ds[len(ds)-1].ID, err, len(closed.dialogs), r.Dialog)
		}
		for i, d := range closed.dialogs {
			if i < len(ds) && ds[i] != d {
				t.Errorf("dialog %d of schema 3 reads %+v; want %+v", d.ID, ds[i], d)
			}
		}
		for _, lc := range []struct {
			chat inbox.ChatID
			old  []inbox.Message
			new  inbox.MessageID
		}{{closed.chat.ID, closed.msgs, r.Message}, {live.chat.ID, live.msgs, r2.Message}} {
			ms, err := tx.Messages(lc.chat, 0, len(lc.old)+1)
			if err != nil || len(ms) != len(lc.old)+1 || ms[len(ms)-1].ID != lc.new {
				t.Fatalf("thread of chat %d after a schema-4 message: %d messages, %v; want %d ending in %d", lc.chat, len(ms), err, len(lc.old)+1, lc.new)
			}
			older, err := tx.Messages(lc.chat, lc.new, 2)
			if err != nil || len(older) != 2 || older[1].ID != lc.old[len(lc.old)-1].ID {
				t.Errorf("page before the schema-4 message = %v, %v; want ending in %d", ids(older), err, lc.old[len(lc.old)-1].ID)
			}
			m, err := tx.Message(lc.old[0].ID)
			if err != nil || m.Text != lc.old[0].Text {
				t.Errorf("Message(%d) of schema 3 = %q, %v", lc.old[0].ID, m.Text, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	if err := svc.Retry(failed); err != nil {
		t.Fatal(err)
	}
	sent, err := svc.Send(1, inbox.Outgoing{Chat: live.chat.ID, Text: "Ждём вас в субботу"})
	if err != nil {
		t.Fatal(err)
	}
	q, err := svc.Queued()
	if err != nil || !slices.Equal(q, []inbox.MessageID{failed, sent.ID}) {
		t.Errorf("Queued() = %v, %v; want the retried message of schema 3, then the new one: %v", q, err, []inbox.MessageID{failed, sent.ID})
	}
	inboxtest.CheckCounts(t, s)
}

func ids(ms []inbox.Message) []inbox.MessageID {
	out := make([]inbox.MessageID, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}
