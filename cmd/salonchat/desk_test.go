package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"salonchat/inbox"
	"salonchat/storage"
)

// newDesk is the window side over a fresh data folder, in Fyne's test driver.
func newDesk(t *testing.T) *desk {
	t.Helper()
	e := &env{cfg: Config{DataDir: filepath.Join(t.TempDir(), "SalonChat"), LockWait: 100 * time.Millisecond},
		stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, log: slog.New(slog.DiscardHandler)}
	var err error
	if e.tr, err = translator(); err != nil {
		t.Fatal(err)
	}
	d := &desk{e: e, app: test.NewTempApp(t)}
	s, err := d.open(false)
	if err != nil {
		t.Fatal(err)
	}
	d.cur = s
	t.Cleanup(d.close)
	return d
}

// switchWait switches folders and waits until the switch is done.
func switchWait(d *desk, isDemo bool) error {
	done := make(chan error, 1)
	d.switchTo(isDemo, func(err error) { done <- err })
	return <-done
}

// canOpen reports whether a store file can be opened now, that is, nobody holds it.
func canOpen(t *testing.T, path string) bool {
	t.Helper()
	st, err := storage.Open(path, storage.WithTimeout(100*time.Millisecond))
	if err != nil {
		return false
	}
	st.Close()
	return true
}

func TestDemoDir(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/home/вера/.config/SalonChat", "/home/вера/.config/SalonChat-demo"},
		{"/home/вера/.config/SalonChat/", "/home/вера/.config/SalonChat-demo"},
	} {
		if got := demoDir(tc.in); got != tc.want {
			t.Errorf("demoDir(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestDesk_DemoAndBack(t *testing.T) {
	d := newDesk(t)
	real := d.cur
	if real.mgr == nil {
		t.Fatal("the salon's own folder runs no connectors")
	}
	if err := switchWait(d, true); err != nil {
		t.Fatal(err)
	}
	demoS := d.cur
	if demoS.mgr != nil {
		t.Error("the demo salon runs connectors: its made-up accounts would all show «!»")
	}
	d.closing.Wait()
	if !canOpen(t, d.e.cfg.StorePath()) {
		t.Error("the salon's own store is still held after switching to the demo")
	}
	demoStore := filepath.Join(demoDir(d.e.cfg.DataDir), storeFile)
	if canOpen(t, demoStore) {
		t.Error("the demo store is not open")
	}
	ops, err := inbox.NewService(demoS.store).Operators()
	if err != nil || len(ops) == 0 {
		t.Fatalf("demo folder operators %d, %v; want the demo salon filled in", len(ops), err)
	}

	if err := switchWait(d, false); err != nil {
		t.Fatal(err)
	}
	d.closing.Wait()
	if title := demoS.ui.Window().Title(); !strings.Contains(title, "ДЕМО") {
		t.Errorf("the demo window's title %q does not say it is the demo", title)
	}
	if !canOpen(t, demoStore) {
		t.Error("the demo store is still held after leaving the demo")
	}
	if d.cur.mgr == nil || strings.Contains(d.cur.ui.Window().Title(), "ДЕМО") {
		t.Error("back in the salon's own folder: no connectors, or still titled demo")
	}
	ops, err = inbox.NewService(d.cur.store).Operators()
	if err != nil || len(ops) != 0 {
		t.Errorf("the salon's own folder has %d operators; the demo must not leak into it", len(ops))
	}
}

func TestDesk_DemoKeptBetweenVisits(t *testing.T) {
	d := newDesk(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(switchWait(d, true))
	_, err := inbox.NewService(d.cur.store).AddOperator("Проба")
	must(err)
	must(switchWait(d, false))
	must(switchWait(d, true))
	ops, err := inbox.NewService(d.cur.store).Operators()
	must(err)
	found := false
	for _, op := range ops {
		found = found || op.Name == "Проба"
	}
	if !found {
		t.Error("the demo salon was filled again over what was tried in it")
	}
}

func TestDesk_SwitchFailureKeepsWindow(t *testing.T) {
	d := newDesk(t)
	hold, err := storage.Open(filepath.Join(mkdir(t, demoDir(d.e.cfg.DataDir)), storeFile))
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	cur := d.cur
	err = switchWait(d, true)
	if err == nil || d.cur != cur {
		t.Fatalf("switch to a demo folder in use: %v; want an error and the same window", err)
	}
	if text := d.e.tr.Err(err); !strings.Contains(text, "-demo") {
		t.Errorf("error text %q does not name the folder", text)
	}
}

func mkdir(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}
