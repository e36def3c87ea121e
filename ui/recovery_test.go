package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salonchat/backup"
)

// recoveryFolder is a data folder whose backups/ holds two copies (the recovery window
// only lists them; the restore itself is the caller's).
func recoveryFolder(t *testing.T) (dir string, newest string) {
	t.Helper()
	dir = t.TempDir()
	for _, name := range []string{"salonchat-20261120-030000.zip", "salonchat-20261124-030000.zip"} {
		p := filepath.Join(dir, backup.Dir, name)
		must(t, os.MkdirAll(filepath.Dir(p), 0o700))
		must(t, os.WriteFile(p, []byte("zip"), 0o600))
	}
	return dir, filepath.Join(dir, backup.Dir, "salonchat-20261124-030000.zip")
}

// buttonIn finds a visible button by its text under objs.
func buttonIn(text string, objs ...fyne.CanvasObject) *widget.Button {
	var found *widget.Button
	for _, o := range objs {
		walk(o, func(c fyne.CanvasObject) bool {
			if b, ok := c.(*widget.Button); ok && b.Text == text && b.Visible() && found == nil {
				found = b
			}
			return c.Visible()
		})
	}
	return found
}

// TestRecovery_RestoresTheChosenCopyAfterAsking: the window lists the kept copies
// newest first, asks before restoring, hands the chosen copy to the caller, and closes
// once the messenger is shown; a failed restore is explained and the window stays.
func TestRecovery_RestoresTheChosenCopyAfterAsking(t *testing.T) {
	a := test.NewTempApp(t)
	tr := translator(t, "ru")
	dir, newest := recoveryFolder(t)
	var asked []string
	fail := errors.New("disk full")
	shown := 0
	r := ShowRecovery(a, tr, RecoveryOptions{DataDir: dir, Reason: "Файл данных повреждён.",
		Restore: func(path string) (func() error, error) {
			asked = append(asked, path)
			if len(asked) == 1 {
				return nil, fail
			}
			return func() error { shown++; return nil }, nil
		}})
	r.background = func(work func() func()) { work()() }
	texts := strings.Join(visibleTexts(r.win.Content()), "\n")
	first, second := strings.Index(texts, "Копия от 24.11.2026"), strings.Index(texts, "Копия от 20.11.2026")
	if !strings.Contains(texts, "Файл данных повреждён.") || first < 0 || second < first {
		t.Fatalf("the recovery window shows:\n%s\nwant the reason and both copies, newest first", texts)
	}
	restoreNewest := func() {
		t.Helper()
		test.Tap(buttonIn("Восстановить…", r.win.Content()))
		confirm := buttonIn("Восстановить", r.win.Canvas().Overlays().List()...)
		if confirm == nil {
			t.Fatal("no confirmation before restoring")
		}
		test.Tap(confirm)
	}
	restoreNewest()
	if len(asked) != 1 || asked[0] != newest {
		t.Fatalf("restored %q; want the newest copy %q", asked, newest)
	}
	if got := strings.Join(overlayTextsOf(r.win), "\n"); !strings.Contains(got, "Внутренняя ошибка") {
		t.Errorf("after a failed restore the window shows:\n%s\nwant the error", got)
	}
	if shown != 0 || !windowOpen(a, r.win) {
		t.Fatal("a failed restore closed the recovery window or opened the messenger")
	}
	restoreNewest()
	if shown != 1 || windowOpen(a, r.win) {
		t.Errorf("after a restore: messenger shown %d times, recovery window open %v; want 1, closed", shown, windowOpen(a, r.win))
	}
}

func overlayTextsOf(w fyne.Window) []string {
	var out []string
	for _, o := range w.Canvas().Overlays().List() {
		out = append(out, visibleTexts(o)...)
	}
	return out
}

func windowOpen(a fyne.App, w fyne.Window) bool {
	for _, o := range a.Driver().AllWindows() {
		if o == w {
			return true
		}
	}
	return false
}
