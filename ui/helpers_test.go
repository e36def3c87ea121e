package ui

import (
	"io/fs"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"salonchat/assets"
	"salonchat/i18n"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

// t0 is the fixed "now" of every UI test.
var t0 = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// fixture is a small salon behind a messenger window in Fyne's test driver.
type fixture struct {
	t        testing.TB
	app      fyne.App
	svc      *inbox.Service
	clock    *inboxtest.Clock
	ui       *UI
	anna     inbox.Operator
	olga     inbox.Operator
	tg, wa   inbox.Account
	ext      int
	unanswer inbox.ReceiveResult // Мария on WhatsApp, a client, awaiting reply
	answered inbox.ReceiveResult // Игорь on Telegram, answered by Анна
}

// translator loads the bundled translations in lang.
func translator(t testing.TB, lang string) *i18n.Translator {
	t.Helper()
	sub, err := fs.Sub(assets.Translations, "translations")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := i18n.New(sub, lang)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// newFixture builds the salon and the window, with Анна working.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.LightTheme())
	clock := inboxtest.NewClock(t0)
	f := &fixture{t: t, app: a, clock: clock, svc: inbox.NewService(inboxtest.NewMemStore(), inbox.WithClock(clock))}
	f.anna = f.operator("Анна Петрова")
	f.olga = f.operator("Ольга Смирнова")
	f.tg = f.account(inbox.Telegram, "@lotos_salon_bot")
	f.wa = f.account(inbox.WhatsApp, "+7 900 123-45-67")
	must(t, f.svc.SetSalon(inbox.Salon{Name: "Лотос", Address: "ул. Ленина, 1", Phone: "+7 900 123-45-67"}))

	f.unanswer = f.receive(inbox.Inbound{Account: f.wa.ID, Peer: "79123456789@s.whatsapp.net", Phone: "79123456789",
		ChatName: "Мария", Text: "Здравствуйте! Можно записаться на маникюр в субботу?"})
	cl, err := f.svc.CreateClientFromChat(f.anna.ID, f.unanswer.Chat)
	must(t, err)
	cl.Name, cl.Surname, cl.FirstName = "Иванова Мария", "Иванова", "Мария"
	_, err = f.svc.SaveClient(f.anna.ID, cl)
	must(t, err)
	_, err = f.svc.SaveVisit(inbox.Visit{Client: cl.ID, At: t0.Add(26 * time.Hour), Master: "Ольга", Service: "Маникюр с покрытием", Price: 180000, Status: inbox.VisitBooked})
	must(t, err)

	f.answered = f.receive(inbox.Inbound{Account: f.tg.ID, Peer: "5551", ChatName: "Игорь Петров", Username: "igor_p", Text: "Сколько стоит стрижка?"})
	f.clock.Advance(time.Minute)
	_, err = f.svc.Send(f.anna.ID, inbox.Outgoing{Chat: f.answered.Chat, Text: "Мужская стрижка — 1 500 ₽"})
	must(t, err)
	_, err = f.svc.SaveTemplate(inbox.Template{Title: "Напоминание о визите", Text: "{Клиент.Имя}, ждём вас {Визит.Дата} в {Визит.Время}. {Салон.Название}"})
	must(t, err)

	u, err := New(a, f.svc, translator(t, "ru"), Options{Translations: func(l string) (*i18n.Translator, error) { return translator(t, l), nil }})
	must(t, err)
	f.ui = u
	u.subscribe()
	t.Cleanup(u.Close)
	fixtures.Store(t, f)
	t.Cleanup(func() { fixtures.Delete(t) })
	u.setOperator(f.anna)
	u.win.Show()
	return f
}

func (f *fixture) operator(name string) inbox.Operator {
	op, err := f.svc.AddOperator(name)
	must(f.t, err)
	return op
}

func (f *fixture) account(n inbox.Network, title string) inbox.Account {
	a, err := f.svc.AddAccount(inbox.Account{Network: n, Title: title})
	must(f.t, err)
	must(f.t, f.svc.SetHealth(a.ID, inbox.Health{State: inbox.HealthOK}))
	return a
}

// receive delivers a client's message one minute after the previous event.
func (f *fixture) receive(in inbox.Inbound) inbox.ReceiveResult {
	f.t.Helper()
	f.ext++
	f.clock.Advance(time.Minute)
	if in.ExternalID == "" {
		in.ExternalID = inbox.ExternalID("x" + itoa(f.ext))
	}
	r, err := f.svc.Receive(in)
	must(f.t, err)
	return r
}

// fixtures finds the fixture of a test, so that eventually can apply its window's
// pending events on the test goroutine.
var fixtures sync.Map // testing.TB → *fixture

// eventually applies the window's pending events (what the live loop would do) and polls
// cond until it holds.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	pump := func() {}
	if f, ok := fixtures.Load(t); ok {
		pump = func() {
			if l := f.(*fixture).ui.live; l != nil {
				l.pump()
			}
		}
	}
	deadline := time.Now().Add(3 * time.Second)
	for pump(); !cond(); pump() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// requireTranslated fails for every key without a Russian and an English text. At
// least min keys are expected: fewer means the source scan that found them went stale.
func requireTranslated(t *testing.T, keys map[string]bool, min int) {
	t.Helper()
	if len(keys) < min {
		t.Fatalf("found only %d keys: has the scan gone stale?", len(keys))
	}
	for _, lang := range []string{"ru", "en"} {
		tr := translator(t, lang)
		for k := range keys {
			if !tr.Has(k) {
				t.Errorf("%s: %q is not translated", lang, k)
			}
		}
	}
}
