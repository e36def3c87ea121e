package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"salonchat/connectors"
	"salonchat/inbox"
)

// acctNet is a fake Telegram for the window: its Check refuses the token "bad", records
// what it was asked, and can be held until the test lets it answer.
type acctNet struct {
	mu      sync.Mutex
	checked []inbox.Account
	hold    chan struct{} // when set, Check waits for it to close
}

func (n *acctNet) registry() connectors.Registry {
	return connectors.NewRegistry(connectors.Network{
		Network: inbox.Telegram,
		Check:   n.check,
		Fields: []connectors.Field{
			{Key: "token", Label: "telegram.field.token", Hint: "telegram.field.token_hint", Secret: true, Required: true},
			{Key: "api_url", Label: "telegram.field.api_url", Hint: "telegram.field.api_url_hint"},
			{Key: "proxy", Label: "telegram.field.proxy", Hint: "telegram.field.proxy_hint"},
		},
	})
}

func (n *acctNet) check(ctx context.Context, acc inbox.Account) error {
	n.mu.Lock()
	n.checked = append(n.checked, acc)
	hold := n.hold
	n.mu.Unlock()
	if hold != nil {
		select {
		case <-hold:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if acc.Settings["token"] == "bad" {
		return inbox.Errorf(inbox.CodeInvalid, "telegram.token_invalid", nil)
	}
	return nil
}

func (n *acctNet) calls() []inbox.Account {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]inbox.Account(nil), n.checked...)
}

// acctOpen opens "Внешние системы" over the fixture with the fake Telegram.
func acctOpen(f *fixture, net *acctNet, focus inbox.AccountID) *accountsWindow {
	f.t.Helper()
	if net != nil {
		f.ui.opts.Networks = net.registry()
	}
	f.ui.showAccounts(focus)
	w := f.ui.openAccounts()
	if w == nil {
		f.t.Fatal("the accounts window did not open")
	}
	f.t.Cleanup(func() {
		if f.ui.openAccounts() == w { // Fyne's test driver panics on a second Close
			w.win.Close()
		}
	})
	return w
}

// settle applies the window's events and background results until cond holds.
func (w *accountsWindow) settle(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for w.live.pump(); !cond(); w.live.pump() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// acctWalk visits the visible objects under o, depth first; fn says whether to go in.
func acctWalk(o fyne.CanvasObject, fn func(fyne.CanvasObject) bool) {
	walk(o, func(c fyne.CanvasObject) bool { return c.Visible() && fn(c) })
}

// acctTexts is every text shown under o: labels, buttons, entries and drawn text.
func acctTexts(o fyne.CanvasObject) []string {
	var out []string
	acctWalk(o, func(c fyne.CanvasObject) bool {
		switch v := c.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.Button:
			out = append(out, v.Text)
		case *widget.Entry:
			out = append(out, v.Text, v.PlaceHolder)
		case *widget.RichText:
			out = append(out, v.String())
			return false
		case *canvas.Text:
			out = append(out, v.Text)
		}
		return true
	})
	return out
}

func acctShows(o fyne.CanvasObject, sub string) bool {
	for _, s := range acctTexts(o) {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// acctLabel finds the visible label whose text holds sub.
func acctLabel(t testing.TB, o fyne.CanvasObject, sub string) *widget.Label {
	t.Helper()
	var found *widget.Label
	acctWalk(o, func(c fyne.CanvasObject) bool {
		if l, ok := c.(*widget.Label); ok && found == nil && strings.Contains(l.Text, sub) {
			found = l
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no label with %q among %q", sub, acctTexts(o))
	}
	return found
}

// acctButton finds the visible button labelled text.
func acctButton(t testing.TB, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	acctWalk(o, func(c fyne.CanvasObject) bool {
		if b, ok := c.(*widget.Button); ok && b.Text == text {
			found = b
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no button %q among %q", text, acctTexts(o))
	}
	return found
}

// acctRow is the list row of the account titled title.
func acctRow(t testing.TB, w *accountsWindow, title string) *accountRow {
	t.Helper()
	var found *accountRow
	acctWalk(w.list, func(c fyne.CanvasObject) bool {
		if r, ok := c.(*accountRow); ok && r.title.Text == title {
			found = r
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no row %q among %q", title, acctTexts(w.list))
	}
	return found
}

// acctOverlay is the dialog shown over the window.
func acctOverlay(t testing.TB, w *accountsWindow) fyne.CanvasObject {
	t.Helper()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	return top
}

func (f *fixture) acctAccount(id inbox.AccountID) inbox.Account {
	f.t.Helper()
	as, err := f.svc.Accounts()
	must(f.t, err)
	for _, a := range as {
		if a.ID == id {
			return a
		}
	}
	f.t.Fatalf("no account %d", id)
	return inbox.Account{}
}

// acctShot writes the window to $SALONCHAT_SHOTS/name.png when that folder is set.
func acctShot(t testing.TB, w *accountsWindow, name string) {
	dir := acctShotDir()
	if dir == "" {
		return
	}
	out, err := os.Create(filepath.Join(dir, name+".png"))
	must(t, err)
	defer out.Close()
	must(t, png.Encode(out, w.win.Canvas().Capture()))
}

func acctShotDir() string { return os.Getenv("SALONCHAT_SHOTS") }
