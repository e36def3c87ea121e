package ui

import (
	"context"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"salonchat/connectors"
	"salonchat/connectors/whatsapp"
	"salonchat/inbox"
)

// waFake stands for WhatsApp's linking: each Link or LinkByPhone is recorded and
// answered with a channel the test feeds; err, when set, refuses the next one.
type waFake struct {
	mu    sync.Mutex
	calls []waCall
	err   error
}

type waCall struct {
	ctx    context.Context
	acc    inbox.Account
	phone  string // "" for a QR code
	events chan whatsapp.LinkEvent
}

func (f *waFake) linking() whatsapp.Linking {
	return whatsapp.Linking{
		QR: func(ctx context.Context, acc inbox.Account) (<-chan whatsapp.LinkEvent, error) {
			return f.open(ctx, acc, "")
		},
		Phone: func(ctx context.Context, acc inbox.Account, phone string) (<-chan whatsapp.LinkEvent, error) {
			return f.open(ctx, acc, phone)
		},
	}
}

func (f *waFake) open(ctx context.Context, acc inbox.Account, phone string) (<-chan whatsapp.LinkEvent, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		err := f.err
		f.err = nil
		return nil, err
	}
	c := waCall{ctx: ctx, acc: acc, phone: phone, events: make(chan whatsapp.LinkEvent, 8)}
	f.calls = append(f.calls, c)
	return c.events, nil
}

func (f *waFake) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

// call waits for the n-th linking (from 1) to be asked for.
func (f *waFake) call(t testing.TB, n int) waCall {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for f.count() < n {
		if time.Now().After(deadline) {
			t.Fatalf("linking %d was never asked for (%d were)", n, f.count())
		}
		time.Sleep(5 * time.Millisecond)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[n-1]
}

// waOpen opens "Внешние системы" with Telegram and WhatsApp to connect, WhatsApp linked
// through the fake.
func waOpen(f *fixture, fake *waFake, focus inbox.AccountID) *accountsWindow {
	f.t.Helper()
	nets := (&acctNet{}).registry()
	nets[inbox.WhatsApp] = connectors.Network{Network: inbox.WhatsApp,
		Fields: []connectors.Field{{Key: whatsapp.SettingPace, Label: "whatsapp.field.pace", Hint: "whatsapp.field.pace_hint"}}}
	f.ui.opts.Networks = nets
	f.ui.opts.WhatsAppLinking = fake.linking()
	return acctOpen(f, nil, focus)
}

// waNew opens the linking pane for a new number, as the administrator does.
func waNew(t testing.TB, w *accountsWindow) *waLink {
	t.Helper()
	test.Tap(acctButton(t, w.win.Content(), "Подключить мессенджер"))
	test.Tap(acctButton(t, w.right, "WhatsApp"))
	return waPane(t, w)
}

// waPane is the linking pane on the right.
func waPane(t testing.TB, w *accountsWindow) *waLink {
	t.Helper()
	if len(w.right.Objects) == 1 {
		if v, ok := w.right.Objects[0].(*waLinkView); ok {
			return v.p
		}
	}
	t.Fatalf("the right pane is not the linking pane: %q", acctTexts(w.right))
	return nil
}

// waStart asks for the first QR code and shows it.
func waStart(t testing.TB, w *accountsWindow, fake *waFake, code string) (*waLink, waCall) {
	t.Helper()
	p := waNew(t, w)
	n := fake.count() + 1
	test.Tap(acctButton(t, w.right, "Показать QR-код"))
	c := fake.call(t, n)
	c.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkQR, Code: code, Expires: 60 * time.Second}
	w.settle(t, "the first QR code", func() bool { return p.code == code })
	return p, c
}
