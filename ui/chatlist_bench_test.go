package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"salonchat/demo"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
	"salonchat/storage"
)

// The chat-list benchmarks run the real window (in Fyne's test driver) over a bbolt
// store of benchChats chats and benchMessages messages made by demo.Scale. The store is
// built once and kept in os.TempDir()/salonchat-bench/ under a name holding its shape;
// bump benchVersion (or delete the file) when demo.Scale or the storage layout changes.
const (
	benchChats    = 100_000
	benchMessages = 300_000
	benchSeed     = 1
	benchVersion  = 1
)

// benchStorePath returns the cached store file, building it on first use.
func benchStorePath(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "salonchat-bench")
	path := filepath.Join(dir, fmt.Sprintf("ui-c%d-m%d-s%d-v%d.db", benchChats, benchMessages, benchSeed, benchVersion))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	must(b, os.MkdirAll(dir, 0o755))
	tmp := path + ".building" // renamed when complete: an interrupted build is never reused
	os.Remove(tmp)
	s, err := storage.Open(tmp)
	must(b, err)
	start := time.Now()
	if err := demo.Scale(s, benchChats, benchMessages, benchSeed); err != nil {
		s.Close()
		b.Fatal(err)
	}
	must(b, s.Close())
	b.Logf("built %s in %v", path, time.Since(start).Round(time.Millisecond))
	must(b, os.Rename(tmp, path))
	return path
}

// benchList opens the cached store behind a 1366×740 window with the first operator
// working, and returns its chat list.
func benchList(b *testing.B) *chatList {
	b.Helper()
	store, err := storage.Open(benchStorePath(b))
	must(b, err)
	b.Cleanup(func() { store.Close() })
	newest, _, err := inbox.NewService(store).Dialogs(inbox.Filter{Status: inbox.StatusOpen}, inbox.ListCursor{}, 1)
	must(b, err)
	now := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	if len(newest) > 0 {
		now = newest[0].Dialog.LastActivity.Add(time.Hour)
	}
	svc := inbox.NewService(store, inbox.WithClock(inboxtest.NewClock(now)))
	a := test.NewTempApp(b)
	a.Settings().SetTheme(theme.LightTheme())
	u, err := New(a, svc, translator(b, "ru"), Options{})
	must(b, err)
	ops, err := svc.Operators()
	must(b, err)
	u.setOperator(ops[0])
	u.win.Show()
	return u.chats
}

// BenchmarkChatList_SwitchFilter measures one tab tap: counts and the first page read
// again, the tabs redrawn, and the rows on screen bound.
func BenchmarkChatList_SwitchFilter(b *testing.B) {
	c := benchList(b)
	taps := []func(){
		func() { c.setStatus(inbox.StatusOpen) },
		func() { c.setOwner(inbox.OwnerMine) },
		func() { c.setStatus(inbox.StatusClosed) },
		func() { c.setOwner(inbox.OwnerUnassigned) },
		func() { c.setStatus(inbox.StatusPostponed) },
		func() { c.setOwner(inbox.OwnerAll) },
		func() { c.setStatus(inbox.StatusUnanswered) },
	}
	for i := 0; b.Loop(); i++ {
		taps[i%len(taps)]()
	}
	if len(shownRows(c)) == 0 {
		b.Fatal("no rows on screen after switching tabs")
	}
}

// BenchmarkChatList_Search measures one keystroke in the search field: the search run
// again and its rows on screen bound. The queries are typed a letter at a time, names and
// phones in several notations, so short prefixes with many matches count too.
func BenchmarkChatList_Search(b *testing.B) {
	c := benchList(b)
	var steps []string
	for _, q := range []string{"Петрова", "+7 (912) 3", "8 916 5", "анна смир"} {
		for i := range []rune(q) {
			steps = append(steps, string([]rune(q)[:i+1]))
		}
		steps = append(steps, "")
	}
	for i := 0; b.Loop(); i++ {
		c.filters.search.SetText(steps[i%len(steps)])
	}
	c.filters.search.SetText("Петрова")
	if len(shownRows(c)) == 0 {
		b.Fatal("no rows on screen for «Петрова»")
	}
}

// BenchmarkChatList_Refresh measures what a burst of live events costs the list: the
// counts and the rows on screen read again.
func BenchmarkChatList_Refresh(b *testing.B) {
	c := benchList(b)
	c.setStatus(inbox.StatusOpen)
	for b.Loop() {
		c.refresh()
	}
}
