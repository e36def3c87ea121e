package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

// overlayWidget finds the first widget of type T in the window's dialogs whose keep
// returns true.
func overlayWidget[T fyne.CanvasObject](t *testing.T, w fyne.Window, keep func(T) bool) T {
	t.Helper()
	var found T
	ok := false
	for _, o := range w.Canvas().Overlays().List() {
		walk(o, func(c fyne.CanvasObject) bool {
			if v, is := c.(T); is && !ok && c.Visible() && keep(v) {
				found, ok = v, true
			}
			return !ok
		})
	}
	if !ok {
		t.Fatalf("no %T in the window's dialogs", found)
	}
	return found
}

func buttonLabelled(text string) func(*widget.Button) bool {
	return func(b *widget.Button) bool { return b.Text == text }
}

func TestUI_SwitchOperator(t *testing.T) {
	f := newFixture(t)
	f.ui.askOperator(true)
	radio := overlayWidget(t, f.ui.win, func(*widget.RadioGroup) bool { return true })
	if !strings.Contains(strings.Join(radio.Options, ","), "Ольга Смирнова") || radio.Selected != "Анна Петрова" {
		t.Fatalf("operator choice %v, selected %q; want both operators with the current one chosen", radio.Options, radio.Selected)
	}
	radio.SetSelected("Ольга Смирнова")
	test.Tap(overlayWidget(t, f.ui.win, buttonLabelled(f.ui.tr.T("operator.start"))))
	if f.ui.me.ID != f.olga.ID {
		t.Fatalf("operator after switching = %q; want Ольга", f.ui.me.Name)
	}
	if title := f.ui.win.Title(); !strings.Contains(title, "Ольга Смирнова") {
		t.Errorf("title %q does not name the new operator", title)
	}
	if got := f.app.Preferences().Int(prefOperator); got != int(f.olga.ID) {
		t.Errorf("remembered operator %d; want %d", got, f.olga.ID)
	}
}

func TestUI_FirstRunCreatesOperator(t *testing.T) {
	a := test.NewTempApp(t)
	svc := inbox.NewService(inboxtest.NewMemStore())
	u, err := New(a, svc, translator(t, "ru"), Options{})
	must(t, err)
	u.subscribe()
	t.Cleanup(u.Close)
	u.win.Show()
	u.askOperator(false)

	name := overlayWidget(t, u.win, func(*widget.Entry) bool { return true })
	test.Type(name, "Вера Новикова")
	test.Tap(overlayWidget(t, u.win, buttonLabelled(u.tr.T("operator.create"))))
	ops, err := svc.Operators()
	must(t, err)
	if len(ops) != 1 || ops[0].Name != "Вера Новикова" || u.me.ID != ops[0].ID {
		t.Errorf("operators %+v, working %+v; want Вера created and working", ops, u.me)
	}
}

func TestUI_LanguageSwitch(t *testing.T) {
	f := newFixture(t)
	f.ui.openDialog(f.unanswer.Dialog)
	f.ui.setLanguage("en")
	if f.ui.tr.Lang() != "en" || f.app.Preferences().String(prefLanguage) != "en" {
		t.Fatalf("language %q, saved %q; want en", f.ui.tr.Lang(), f.app.Preferences().String(prefLanguage))
	}
	if menu := f.ui.win.MainMenu(); menu.Items[0].Label != "Main" {
		t.Errorf("menu after switching: %q; want English", menu.Items[0].Label)
	}
	if f.ui.dialog.current() != f.unanswer.Dialog {
		t.Errorf("open dialog after switching = %d; want it kept", f.ui.dialog.current())
	}
	if f.ui.me.ID != f.anna.ID {
		t.Error("switching language forgot who is working")
	}
}
