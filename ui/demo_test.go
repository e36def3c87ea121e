package ui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// demoFixture is the fixture's window with a demo switch that records its calls.
func demoFixture(t *testing.T, demo bool, result error) (*fixture, *[]bool) {
	f := newFixture(t)
	var calls []bool
	f.reopen(Options{Demo: demo, SwitchDemo: func(d bool, done func(error)) { calls = append(calls, d); done(result) }})
	return f, &calls
}

func menuItem(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("no %q in the menu %q", label, m.Label)
	return nil
}

func TestDemo_MenuWayInAndOut(t *testing.T) {
	f, calls := demoFixture(t, false, nil)
	menuItem(t, f.ui.win.MainMenu().Items[0], "Открыть демо-салон").Action()
	if len(*calls) != 1 || !(*calls)[0] {
		t.Errorf("Открыть демо-салон switched %v; want to the demo", *calls)
	}
	d, calls := demoFixture(t, true, nil)
	if title := d.ui.win.Title(); !strings.Contains(title, "ДЕМО-САЛОН") {
		t.Errorf("demo title %q does not say it is the demo", title)
	}
	menuItem(t, d.ui.win.MainMenu().Items[0], "Выйти из демо-салона").Action()
	if len(*calls) != 1 || (*calls)[0] {
		t.Errorf("Выйти из демо-салона switched %v; want back", *calls)
	}
}

func TestDemo_SwitchFailureShown(t *testing.T) {
	f, _ := demoFixture(t, false, &inbox.Error{Code: inbox.CodeUnavailable, Key: "demo.switch_failed",
		Args: map[string]any{"Dir": "/data-demo"}, Err: errors.New("timeout")})
	f.ui.switchDemo(true)
	overlayWidget(t, f.ui.win, func(l *widget.Label) bool { return strings.Contains(l.Text, "/data-demo") })
}

func TestDemo_ContinueKeepsOperator(t *testing.T) {
	f := newFixture(t) // Анна is working and remembered
	u, err := New(f.app, f.svc, translator(t, "ru"), Options{})
	must(t, err)
	f.ui.Close()
	u.subscribe()
	t.Cleanup(u.Close)
	u.win.Show()
	u.resumeOperator()
	if u.me.ID != f.anna.ID {
		t.Errorf("after a switch the operator is %q; want Анна, who worked last", u.me.Name)
	}
}
