package ui

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// shown tells whether a test-driver window is shown: the driver keeps only whether it
// has focus (Show focuses, Hide unfocuses), in an unexported field.
func shown(w fyne.Window) bool {
	return reflect.ValueOf(w).Elem().FieldByName("focused").Bool()
}

func contains(ws []fyne.Window, w fyne.Window) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// fakeTray records what SalonChat puts in the system tray.
type fakeTray struct {
	menu   *fyne.Menu
	win    fyne.Window
	setups int // menus set
}

func (t *fakeTray) SetSystemTrayMenu(m *fyne.Menu)    { t.menu = m; t.setups++ }
func (t *fakeTray) SetSystemTrayWindow(w fyne.Window) { t.win = w }

// labels are the tray menu's items, separators left out.
func (t *fakeTray) labels() []string {
	var out []string
	for _, it := range t.menu.Items {
		if !it.IsSeparator {
			out = append(out, it.Label)
		}
	}
	return out
}

// item finds the tray menu's item labelled label.
func (t *fakeTray) item(tb testing.TB, label string) *fyne.MenuItem {
	tb.Helper()
	for _, it := range t.menu.Items {
		if it.Label == label {
			return it
		}
	}
	tb.Fatalf("no %q in the tray menu %q", label, t.labels())
	return nil
}

// trayFixture is the fixture's salon in a window with a tray.
func trayFixture(t *testing.T) (*fixture, *fakeTray, *int) {
	f := newFixture(t)
	tray, quits := &fakeTray{}, 0
	f.reopen(Options{Tray: tray, Quit: func() { quits++ }})
	return f, tray, &quits
}

// reopen replaces the fixture's window with one built with opts, Анна working.
func (f *fixture) reopen(opts Options) {
	u, err := New(f.app, f.svc, translator(f.t, "ru"), opts)
	must(f.t, err)
	f.ui.Close()
	f.ui = u
	u.subscribe()
	f.t.Cleanup(u.Close)
	u.setOperator(f.anna)
	u.win.Show()
}

func TestTray_MenuCountsUnanswered(t *testing.T) {
	f, tray, _ := trayFixture(t)
	if tray.win != f.ui.win {
		t.Fatal("the messenger window is not the tray's window")
	}
	want := []string{"Ждёт ответа: 1 диалог", "Открыть SalonChat", "Выход"}
	if got := tray.labels(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("tray menu %q; want %q", got, want)
	}
	if last := tray.menu.Items[len(tray.menu.Items)-1]; !last.IsQuit {
		t.Error("Выход is not the quit item: Fyne would add a second one")
	}
	setups := tray.setups
	f.receive(inboxFromTelegram(f, "777", "Добрый день"))
	f.receive(inboxFromTelegram(f, "778", "Здравствуйте"))
	eventually(t, "the tray counts 3", func() bool { return tray.labels()[0] == "Ждут ответа: 3 диалога" })
	f.ui.updateTitle()
	if tray.setups != setups+1 {
		t.Errorf("tray menu set %d times for one change of count; want once", tray.setups-setups)
	}
}

func TestTray_QuitAndOpen(t *testing.T) {
	f, tray, quits := trayFixture(t)
	tray.item(t, "Выход").Action()
	if *quits != 1 {
		t.Errorf("Выход in the tray ran the quit path %d times; want 1", *quits)
	}
	main := f.ui.win.MainMenu().Items[0]
	last := main.Items[len(main.Items)-1]
	if last.Label != "Выход" || !last.IsQuit {
		t.Fatalf("the last item of Главное is %q; want Выход", last.Label)
	}
	last.Action()
	if *quits != 2 {
		t.Errorf("Выход in Главное: quits %d; want 2", *quits)
	}
	f.ui.win.Hide()
	if shown(f.ui.win) {
		t.Fatal("shown cannot tell a hidden window")
	}
	tray.item(t, "Открыть SalonChat").Action()
	if !shown(f.ui.win) {
		t.Error("Открыть SalonChat did not show the window")
	}
}

func TestTray_CloseHidesAndTellsOnce(t *testing.T) {
	f, _, quits := trayFixture(t)
	told := fyne.NewNotification("SalonChat", f.ui.tr.T("tray.still_running"))
	test.AssertNotificationSent(t, told, f.ui.closeWindow)
	test.AssertNotificationSent(t, nil, f.ui.closeWindow) // once is enough
	if shown(f.ui.win) {
		t.Error("closing the window did not hide it")
	}
	if !contains(f.app.Driver().AllWindows(), f.ui.win) {
		t.Error("closing to the tray closed the window for good")
	}
	if *quits != 0 {
		t.Fatalf("closing the window quit SalonChat (%d)", *quits)
	}
	if !f.app.Preferences().Bool(prefTrayTold) {
		t.Error("the administrator was not told that SalonChat keeps running")
	}
	f.app.Preferences().SetBool(prefCloseToTray, false)
	f.ui.closeWindow()
	if *quits != 1 {
		t.Errorf("with closing to the tray switched off, closing quit %d times; want 1", *quits)
	}
}

func TestTray_None(t *testing.T) {
	f := newFixture(t)
	if f.ui.closesToTray() {
		t.Error("without a tray closing the window must quit: a hidden window could not come back")
	}
}

func TestTray_NotifiesWhileHidden(t *testing.T) {
	f, _, _ := trayFixture(t)
	f.ui.closeWindow()
	want := fyne.NewNotification("SalonChat", "Новое сообщение в Telegram")
	test.AssertNotificationSent(t, want, func() {
		f.receive(inboxFromTelegram(f, "779", "Вы работаете сегодня?"))
		f.ui.live.pump()
	})
}

// On Windows a notification is a generated PowerShell script that escapes only " and `:
// typographic quotes end its strings there and $ starts a variable (LIBRARIES.md).
func TestTray_NotificationTextSafeForWindows(t *testing.T) {
	for _, lang := range []string{"ru", "en"} {
		text := translator(t, lang).T("tray.still_running")
		if i := strings.IndexAny(text, "\u201c\u201d\u201e\u2018\u2019\u201a'\"`$"); i >= 0 {
			r, _ := utf8.DecodeRuneInString(text[i:])
			t.Errorf("%s tray.still_running %q has %q, which breaks a Windows notification", lang, text, r)
		}
	}
}
