package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salonchat/i18n"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

// newWizard opens a window on an empty data folder, which starts the wizard.
func newWizard(t *testing.T, opts Options) (*UI, *inbox.Service) {
	t.Helper()
	a := test.NewTempApp(t)
	svc := inbox.NewService(inboxtest.NewMemStore())
	opts.Translations = func(l string) (*i18n.Translator, error) { return translator(t, l), nil }
	u, err := New(a, svc, translator(t, "ru"), opts)
	must(t, err)
	u.subscribe()
	t.Cleanup(u.Close)
	u.win.Show()
	u.begin()
	if u.wizard == nil {
		t.Fatal("an empty data folder did not start the wizard")
	}
	return u, svc
}

// press types Enter into an entry, as the keyboard would.
func press(e *widget.Entry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

func TestWizard_LanguageSwitchesLive(t *testing.T) {
	u, _ := newWizard(t, Options{})
	w := u.wizard
	if w.title.Text != "Добро пожаловать в SalonChat" || u.win.MainMenu() != nil {
		t.Fatalf("first step %q, menu %v; want the Russian welcome and no messenger menu", w.title.Text, u.win.MainMenu())
	}
	w.langs.SetSelected("English")
	if u.wizard.title.Text != "Welcome to SalonChat" || u.wizard.next.Text != "Next" {
		t.Errorf("after choosing English: title %q, button %q", u.wizard.title.Text, u.wizard.next.Text)
	}
	if got := u.app.Preferences().String(prefLanguage); got != "en" {
		t.Errorf("saved language %q; want en", got)
	}
	test.Tap(u.wizard.next)
	if u.wizard.step != stepSalon || u.wizard.back.Text != "Back" {
		t.Errorf("step %d, back %q; want the salon step in English", u.wizard.step, u.wizard.back.Text)
	}
	test.Tap(u.wizard.back)
	u.wizard.langs.SetSelected("Русский")
	if u.wizard.title.Text != "Добро пожаловать в SalonChat" {
		t.Errorf("back to Russian: title %q", u.wizard.title.Text)
	}
}

func TestWizard_SalonStep(t *testing.T) {
	u, svc := newWizard(t, Options{})
	w := u.wizard
	w.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter on the language step moves on
	if w.step != stepSalon {
		t.Fatalf("Enter on the language step: step %d; want the salon step", w.step)
	}
	test.Tap(w.next)
	if w.step != stepSalon || !w.errs.Visible() || !strings.Contains(w.errs.Text, "название салона") {
		t.Fatalf("empty name: step %d, error %q; want to stay with a message about the name", w.step, w.errs.Text)
	}
	test.Type(w.salonName, "Лотос")
	press(w.salonName) // Enter goes to the address
	if u.win.Canvas().Focused() != w.address {
		t.Errorf("Enter in the name did not move to the address")
	}
	test.Type(w.address, "ул. Ленина, 1")
	test.Type(w.phone, "8 912 34")
	press(w.phone)
	if w.step != stepSalon || !strings.Contains(w.errs.Text, "«8 912 34»") {
		t.Fatalf("short phone: step %d, error %q; want to stay, naming the number", w.step, w.errs.Text)
	}
	if w.salonName.Text != "Лотос" || w.address.Text != "ул. Ленина, 1" || w.phone.Text != "8 912 34" {
		t.Errorf("a refused phone lost what was typed: %q %q %q", w.salonName.Text, w.address.Text, w.phone.Text)
	}
	if sl, _ := svc.Salon(); sl.Name != "" {
		t.Errorf("a refused step saved the salon: %+v", sl)
	}
	w.phone.SetText("89123456789")
	press(w.phone)
	if w.step != stepOperator {
		t.Fatalf("step %d after a good phone; want the operator step (error %q)", w.step, w.errs.Text)
	}
	sl, err := svc.Salon()
	must(t, err)
	if want := (inbox.Salon{Name: "Лотос", Address: "ул. Ленина, 1", Phone: "+7 912 345-67-89"}); sl != want {
		t.Errorf("salon stored %+v; want %+v", sl, want)
	}
	test.Tap(w.back)
	if w.salonName.Text != "Лотос" || w.phone.Text != "+7 912 345-67-89" {
		t.Errorf("back on the salon step shows %q %q; want what was saved", w.salonName.Text, w.phone.Text)
	}
}

func TestWizard_OperatorStep(t *testing.T) {
	u, svc := newWizard(t, Options{})
	w := u.wizard
	test.Tap(w.next)
	test.Type(w.salonName, "Лотос")
	test.Tap(w.next)
	test.Type(w.opE, "   ")
	press(w.opE)
	if w.step != stepOperator || !w.errs.Visible() {
		t.Fatalf("blank operator name: step %d, error shown %v; want to stay with an error", w.step, w.errs.Visible())
	}
	w.opE.SetText("Вера Новикова")
	press(w.opE)
	if w.step != stepChoice || u.me.Name != "Вера Новикова" {
		t.Fatalf("step %d, operator %q; want the last step with Вера working", w.step, u.me.Name)
	}
	test.Tap(w.back)
	if w.opE.Text != "Вера Новикова" {
		t.Errorf("back on the operator step shows %q", w.opE.Text)
	}
	w.opE.SetText("Вера Новикова-Иванова")
	test.Tap(w.next)
	ops, err := svc.Operators()
	must(t, err)
	if len(ops) != 1 || ops[0].Name != "Вера Новикова-Иванова" || u.me.ID != ops[0].ID {
		t.Errorf("operators %+v, working %+v; want one operator, renamed", ops, u.me)
	}
}

// toChoice walks the wizard to its last step.
func toChoice(t *testing.T, u *UI) *wizard {
	t.Helper()
	w := u.wizard
	test.Tap(w.next)
	test.Type(w.salonName, "Лотос")
	test.Tap(w.next)
	test.Type(w.opE, "Вера")
	test.Tap(w.next)
	if w.step != stepChoice {
		t.Fatalf("step %d; want the choice", w.step)
	}
	return w
}

func TestWizard_ConnectOpensAccounts(t *testing.T) {
	u, _ := newWizard(t, Options{})
	w := toChoice(t, u)
	if w.demo != nil {
		t.Error("the demo salon is offered without a way to open it")
	}
	test.Tap(w.connect)
	if u.wizard != nil || u.win.MainMenu() == nil {
		t.Fatal("the wizard did not give way to the messenger")
	}
	if u.openAccounts() == nil {
		t.Error("«Подключить мессенджер» did not open Внешние системы")
	}
	if !strings.Contains(u.win.Title(), "Вера") {
		t.Errorf("title %q; want the new operator", u.win.Title())
	}
	u.begin() // the next start: the folder is set up
	if u.wizard != nil {
		t.Error("the wizard came back on a folder with an operator")
	}
}

func TestWizard_OpensDemo(t *testing.T) {
	var switched []bool
	u, _ := newWizard(t, Options{SwitchDemo: func(demo bool, done func(error)) { switched = append(switched, demo); done(nil) }})
	w := toChoice(t, u)
	test.Tap(w.demo)
	if len(switched) != 1 || !switched[0] || u.wizard != nil {
		t.Errorf("switched %v, wizard %v; want one switch to the demo and the wizard gone", switched, u.wizard)
	}
}

func TestWizard_NotOnAFolderInUse(t *testing.T) {
	f := newFixture(t)
	f.ui.begin()
	if f.ui.wizard != nil {
		t.Error("the wizard started on a folder with operators and accounts")
	}
}
