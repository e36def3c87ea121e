package backup

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
	"salonchat/storage"
)

// salon is a data folder with a store in it, a service over the store and a fake clock.
type salon struct {
	t     testing.TB
	dir   string
	store *storage.Store
	svc   *inbox.Service
	clock *inboxtest.Clock
	acc   inbox.Account
	n     int
}

// t0 is a Monday, so that rotation's weeks are easy to count.
var t0 = time.Date(2026, 11, 2, 3, 0, 0, 0, time.UTC)

func newSalon(t testing.TB) *salon {
	t.Helper()
	s := &salon{t: t, dir: t.TempDir(), clock: inboxtest.NewClock(t0)}
	s.open()
	var err error
	s.acc, err = s.svc.AddAccount(inbox.Account{Network: inbox.Telegram, Title: "@lotos_bot"})
	must(t, err)
	return s
}

func (s *salon) open() {
	st, err := storage.Open(filepath.Join(s.dir, StoreFile), storage.WithNoSync())
	must(s.t, err)
	s.store, s.svc = st, inbox.NewService(st, inbox.WithClock(s.clock))
	s.t.Cleanup(func() { s.store.Close() })
}

func (s *salon) close() { must(s.t, s.store.Close()) }

// receive stores a message from client peer with a received file of body bytes
// (none when body is empty), the file written as a connector would before Receive.
func (s *salon) receive(peer, body string) inbox.ReceiveResult {
	s.t.Helper()
	s.n++
	in := inbox.Inbound{Account: s.acc.ID, Peer: inbox.PeerID(peer), ChatName: "Клиент " + peer,
		ExternalID: inbox.ExternalID(fmt.Sprint(s.n)), Text: fmt.Sprintf("сообщение %d", s.n)}
	if body != "" {
		rel := fmt.Sprintf("files/telegram-%d/%d_фото записи.jpg", s.acc.ID, s.n)
		p := filepath.Join(s.dir, filepath.FromSlash(rel))
		must(s.t, os.MkdirAll(filepath.Dir(p), 0o700))
		must(s.t, os.WriteFile(p, []byte(body), 0o600))
		in.Attachments = []inbox.Attachment{{Kind: inbox.AttachImage, Name: "фото записи.jpg", Size: int64(len(body)), Path: rel}}
	}
	r, err := s.svc.Receive(in)
	must(s.t, err)
	return r
}

func (s *salon) scheduler(opts Options) *Scheduler {
	s.t.Helper()
	opts.DataDir, opts.Clock, opts.Loc = s.dir, s.clock, time.UTC
	return New(s.store, opts)
}

// contents counts the messages of the store in dir and lists the attachment paths
// whose files are missing on disk.
func contents(t testing.TB, dir string) (messages int, missing []string) {
	t.Helper()
	st, err := storage.Open(filepath.Join(dir, StoreFile))
	must(t, err)
	defer st.Close()
	return walk(t, st, dir)
}

// walk is contents of an open store.
func walk(t testing.TB, st *storage.Store, dir string) (messages int, missing []string) {
	t.Helper()
	must(t, st.View(func(tx inbox.ReadTx) error {
		return tx.WalkChats(func(c inbox.Chat) error {
			return tx.WalkMessages(c.ID, func(m inbox.Message) error {
				messages++
				for _, a := range m.Attachments {
					if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(a.Path))); err != nil {
						missing = append(missing, a.Path)
					}
				}
				return nil
			})
		})
	}))
	return messages, missing
}

// names lists the backup files in dir, oldest first.
func names(t testing.TB, dir string) []string {
	t.Helper()
	bs, err := list(dir, time.UTC)
	must(t, err)
	var out []string
	for _, b := range bs {
		out = append(out, b.Name)
	}
	slices.Reverse(out)
	return out
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
