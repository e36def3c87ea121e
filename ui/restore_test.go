package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"salonchat/backup"
	"salonchat/inbox"
)

// restoreCall is one call of Options.Restore the window made.
type restoreCall struct {
	path string
	done func(error)
}

// withRestore records the window's restore requests instead of restoring.
func withRestore(f *fixture) *[]restoreCall {
	var calls []restoreCall
	f.ui.opts.Restore = func(path string, done func(error)) { calls = append(calls, restoreCall{path, done}) }
	return &calls
}

func TestBackupsWindow_RestoreAsksFirst(t *testing.T) {
	f := newFixture(t)
	sc := withBackups(t, f)
	calls := withRestore(f)
	b, err := sc.BackupNow()
	must(t, err)
	w := f.ui.openBackups()

	test.Tap(acctButton(t, w.list, "Восстановить…"))
	text := strings.Join(overlayTexts(f.ui), "\n")
	when := f.ui.clientDateTime(b.Created)
	for _, want := range []string{"Восстановить данные из копии?", "будут заменены копией от " + when,
		"ничего не потеряют", "пришедшие после " + when, "SalonChat сам закроет и снова откроет окно"} {
		if !strings.Contains(text, want) {
			t.Errorf("the confirmation says:\n%s\nwant %q", text, want)
		}
	}
	shoot(t, f.ui, "restore_confirm")
	test.Tap(acctButton(t, f.ui.win.Canvas().Overlays().Top(), "Отмена"))
	if len(*calls) != 0 {
		t.Fatalf("Отмена restored: %v", *calls)
	}

	test.Tap(acctButton(t, w.list, "Восстановить…"))
	test.Tap(acctButton(t, f.ui.win.Canvas().Overlays().Top(), "Восстановить"))
	if len(*calls) != 1 || (*calls)[0].path != b.Path {
		t.Fatalf("restore calls %v; want one with %q", *calls, b.Path)
	}
	if text := overlayText(f.ui); !strings.Contains(text, "Восстанавливаю данные…") {
		t.Errorf("while restoring the window shows:\n%s", text)
	}
	(*calls)[0].done(&inbox.Error{Code: inbox.CodeUnavailable, Key: "restore.busy"})
	text = overlayText(f.ui)
	if strings.Contains(text, "Восстанавливаю данные…") || !strings.Contains(text, "SalonChat уже открывает другие данные") {
		t.Errorf("after a refused restore the window shows:\n%s", text)
	}
}

func TestBackupsWindow_NoRestoreButtonWithoutCallback(t *testing.T) {
	f := newFixture(t)
	sc := withBackups(t, f)
	_, err := sc.BackupNow()
	must(t, err)
	w := f.ui.openBackups()
	if w == nil {
		t.Fatal("no backups window")
	}
	for _, s := range overlayTexts(f.ui) {
		if s == "Восстановить…" || s == "Восстановить из файла…" {
			t.Fatalf("%q offered without a way to restore", s)
		}
	}
	if text := overlayText(f.ui); !strings.Contains(text, "откройте командную строку") {
		t.Errorf("without the button the window must explain the command:\n%s", text)
	}
}

func TestRestored_SaysWhatHappened(t *testing.T) {
	f := newFixture(t)
	res := backup.RestoreResult{Kept: "/data/salonchat.db.before-restore-2026-11-25_10-00-00", KeptFiles: []string{"a", "b"}}
	res.Manifest.Created = t0
	f.ui.Restored(res, nil)
	text := overlayText(f.ui)
	for _, want := range []string{"Данные восстановлены из копии от " + f.ui.clientDateTime(t0), res.Kept, "2 файла переписки"} {
		if !strings.Contains(text, want) {
			t.Errorf("after a restore the window says:\n%s\nwant %q", text, want)
		}
	}
	shoot(t, f.ui, "restore_done")

	g := newFixture(t)
	g.ui.Restored(backup.RestoreResult{}, &inbox.Error{Code: inbox.CodeInvalid, Key: "backup.not_backup",
		Args: map[string]any{"File": "копия.zip"}, Err: errors.New("zip: not a valid zip file")})
	if text := overlayText(g.ui); !strings.Contains(text, "копия.zip") || !strings.Contains(text, "Ваши данные не изменились") || strings.Contains(text, "Данные восстановлены") {
		t.Errorf("after a failed restore the window says:\n%s", text)
	}
}

// TestBackupsWindow_RestoreFromFile: a copy chosen as a file (a USB stick) is confirmed
// with its own date; a file that is no copy is refused before anything is stopped.
func TestBackupsWindow_RestoreFromFile(t *testing.T) {
	f := newFixture(t)
	sc := withBackups(t, f)
	calls := withRestore(f)
	b, err := sc.BackupNow()
	must(t, err)
	usb := filepath.Join(t.TempDir(), "копия с флешки.zip")
	data, err := os.ReadFile(b.Path)
	must(t, err)
	must(t, os.WriteFile(usb, data, 0o600))
	w := f.ui.openBackups()
	acctButton(t, f.ui.win.Canvas().Overlays().Top(), "Восстановить из файла…") // offered

	junk := filepath.Join(t.TempDir(), "фото.zip")
	must(t, os.WriteFile(junk, []byte("not a zip"), 0o600))
	w.restoreFile(junk)
	if text := overlayText(f.ui); !strings.Contains(text, "не резервная копия SalonChat") || strings.Contains(text, "Восстановить данные из копии?") {
		t.Errorf("a file that is no copy:\n%s", text)
	}
	test.Tap(acctButton(t, f.ui.win.Canvas().Overlays().Top(), "OK"))

	w.restoreFile(usb)
	text := strings.Join(overlayTexts(f.ui), "\n")
	if !strings.Contains(text, "будут заменены копией от "+f.ui.clientDateTime(b.Created)) {
		t.Fatalf("the confirmation for a chosen file:\n%s", text)
	}
	test.Tap(acctButton(t, f.ui.win.Canvas().Overlays().Top(), "Восстановить"))
	if len(*calls) != 1 || (*calls)[0].path != usb {
		t.Errorf("restore calls %v; want one with %q", *calls, usb)
	}
}
