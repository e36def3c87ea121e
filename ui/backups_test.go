package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"salonchat/backup"
	"salonchat/storage/storagetest"
)

// withBackups gives the fixture's window a backup scheduler over a real store in its
// data folder.
func withBackups(t *testing.T, f *fixture) *backup.Scheduler {
	t.Helper()
	f.ui.opts.DataDir = t.TempDir()
	st := storagetest.Open(t)
	sc := backup.New(st, backup.Options{DataDir: f.ui.opts.DataDir, Clock: f.clock, Loc: time.Local})
	f.ui.opts.Backups = sc
	return sc
}

func TestBackupsWindow_ButtonMakesACopy(t *testing.T) {
	f := newFixture(t)
	sc := withBackups(t, f)
	w := f.ui.openBackups()
	if w == nil {
		t.Fatal("no backups window")
	}
	if !strings.Contains(overlayText(f.ui), "Копий ещё нет") {
		t.Errorf("a folder without copies:\n%s", overlayText(f.ui))
	}
	test.Tap(w.now)
	bs, err := sc.List()
	must(t, err)
	if len(bs) != 1 {
		t.Fatalf("after the button: %d copies; want 1", len(bs))
	}
	text := overlayText(f.ui)
	want := "Последняя копия: " + f.ui.clientDateTime(bs[0].Created)
	if !strings.Contains(text, want) || strings.Count(text, "\nСкопировать команду восстановления\n") != 1 {
		t.Errorf("after the button the window shows:\n%s\nwant %q and one copy in the list", text, want)
	}

	test.Tap(acctButton(t, w.list, "Скопировать команду восстановления"))
	cmd := f.app.Clipboard().Content()
	if !strings.Contains(cmd, `restore --data "`+f.ui.opts.DataDir+`" --from "`+bs[0].Path+`"`) || !w.notice.Visible() {
		t.Errorf("clipboard %q, notice %q", cmd, w.notice.Text)
	}
	shoot(t, f.ui, "backups")
}

// TestBackupsWindow_ExtraFolderWarning: a missing extra folder shows in words an
// administrator can act on; the local copy is made anyway; clearing it removes both.
func TestBackupsWindow_ExtraFolderWarning(t *testing.T) {
	f := newFixture(t)
	sc := withBackups(t, f)
	w := f.ui.openBackups()
	usb := filepath.Join(t.TempDir(), "флешка", "SalonChat")
	w.setExtra(usb)
	test.Tap(w.now)
	if bs, _ := sc.List(); len(bs) != 1 {
		t.Errorf("local copies %d; want 1 despite the missing extra folder", len(bs))
	}
	want := "Папка для копий " + usb + " недоступна: подключите флешку"
	if !w.warning.Visible() || !strings.Contains(w.warning.Text, want) {
		t.Errorf("warning %q (visible %v); want %q", w.warning.Text, w.warning.Visible(), want)
	}
	if !strings.Contains(w.extra.Text, usb) || !w.clear.Visible() {
		t.Errorf("extra folder line %q", w.extra.Text)
	}
	shoot(t, f.ui, "backups_warning")

	must(t, os.MkdirAll(usb, 0o700))
	w.setExtra(usb)
	if !strings.Contains(w.warning.Text, "Последний раз скопировано туда") {
		t.Errorf("after the stick came back: %q", w.warning.Text)
	}
	test.Tap(w.clear)
	if w.warning.Visible() || w.clear.Visible() || !strings.Contains(w.extra.Text, "Не выбрана") {
		t.Errorf("after clearing: %q / %q", w.extra.Text, w.warning.Text)
	}
	if s, _ := backup.LoadSettings(f.ui.opts.DataDir); s.ExtraDir != "" {
		t.Errorf("settings still name %q", s.ExtraDir)
	}
}

func TestBackupsWindow_NoSchedulerNoMenu(t *testing.T) {
	f := newFixture(t)
	if f.ui.openBackups() != nil {
		t.Error("a backups window without a scheduler")
	}
	for _, it := range f.ui.mainMenu().Items[1].Items {
		if it.Label == "Резервные копии…" {
			t.Error("the menu offers backups without a scheduler")
		}
	}
	withBackups(t, f)
	found := false
	for _, it := range f.ui.mainMenu().Items[1].Items {
		found = found || it.Label == "Резервные копии…"
	}
	if !found {
		t.Error("Настройки has no Резервные копии… item")
	}
}

func TestBackupsWindow_TranslationsCoverKeys(t *testing.T) {
	keys := map[string]bool{}
	src, err := os.ReadFile("backups.go")
	must(t, err)
	for _, m := range regexp.MustCompile(`T\("([a-z_.]+[a-z_])"`).FindAllStringSubmatch(string(src), -1) {
		keys[m[1]] = true
	}
	requireTranslated(t, keys, 15)
}
