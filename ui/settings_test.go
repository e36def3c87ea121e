package ui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// fakeAutostart is starting at login kept in memory; fail makes switching fail.
type fakeAutostart struct {
	on   bool
	fail error
}

func (a *fakeAutostart) Enable() error {
	if a.fail != nil {
		return a.fail
	}
	a.on = true
	return nil
}

func (a *fakeAutostart) Disable() error {
	if a.fail != nil {
		return a.fail
	}
	a.on = false
	return nil
}

func (a *fakeAutostart) Enabled() (bool, error) { return a.on, nil }

// settingsFixture is the fixture's window with a tray and autostart.
func settingsFixture(t *testing.T, auto *fakeAutostart) *fixture {
	f := newFixture(t)
	f.reopen(Options{DataDir: "/home/вера/.config/SalonChat", Tray: &fakeTray{}, Autostart: auto})
	return f
}

func TestSettings_Autostart(t *testing.T) {
	auto := &fakeAutostart{}
	f := settingsFixture(t, auto)
	w := f.ui.openSettings()
	if w.autostart == nil || w.autostart.Checked || w.autostart.Text != "Запускать SalonChat при входе в систему" {
		t.Fatalf("autostart box %+v; want it offered and off by default", w.autostart)
	}
	test.Tap(w.autostart)
	if !auto.on {
		t.Error("ticking the box did not switch autostart on")
	}
	test.Tap(w.autostart)
	if auto.on {
		t.Error("unticking the box did not switch autostart off")
	}
	auto.fail = errors.New("registry: access denied")
	test.Tap(w.autostart)
	if w.autostart.Checked {
		t.Error("the box stays ticked though autostart could not be switched on")
	}
	overlayWidget(t, f.ui.win, func(l *widget.Label) bool {
		return strings.Contains(l.Text, "Не удалось изменить запуск")
	})
}

func TestSettings_TrayAndFolder(t *testing.T) {
	f := settingsFixture(t, &fakeAutostart{})
	w := f.ui.openSettings()
	if w.toTray == nil || !w.toTray.Checked {
		t.Fatal("closing to the tray is not offered, or not on by default")
	}
	test.Tap(w.toTray)
	if f.ui.closesToTray() {
		t.Error("unticking «сворачивать в трей» left closing to the tray on")
	}
	overlayWidget(t, f.ui.win, func(l *widget.Label) bool { return l.Text == "/home/вера/.config/SalonChat" })
	overlayWidget(t, f.ui.win, func(l *widget.Label) bool { return strings.Contains(l.Text, "24 часов") })
}

func TestSettings_NoTrayNoAutostart(t *testing.T) {
	f := newFixture(t)
	w := f.ui.openSettings()
	if w.autostart != nil || w.toTray != nil {
		t.Error("settings offer what this system cannot do")
	}
	overlayWidget(t, f.ui.win, func(l *widget.Label) bool { return strings.Contains(l.Text, "нет области значков") })
}

func TestSettings_InMenu(t *testing.T) {
	f := newFixture(t)
	settings := f.ui.win.MainMenu().Items[1]
	if settings.Items[0].Label != "Общие…" {
		t.Errorf("Настройки begins with %q; want Общие…", settings.Items[0].Label)
	}
}
