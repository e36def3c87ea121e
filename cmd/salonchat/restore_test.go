package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salonchat/backup"
	"salonchat/inbox"
	"salonchat/storage"
)

// restoreWait restores from the window's side and waits until it is done.
func restoreWait(d *desk, from string) error {
	done := make(chan error, 1)
	d.restore(from, func(err error) { done <- err })
	return <-done
}

// operatorNames are the operators of an open store.
func operatorNames(t *testing.T, store *storage.Store) []string {
	t.Helper()
	ops, err := inbox.NewService(store).Operators()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, op := range ops {
		names = append(names, op.Name)
	}
	return names
}

// backupWith adds an operator to the current session's store and makes a scheduled
// backup of it, as the backups window does.
func backupWith(t *testing.T, d *desk, name string) backup.Info {
	t.Helper()
	if _, err := inbox.NewService(d.cur.store).AddOperator(name); err != nil {
		t.Fatal(err)
	}
	info, err := backup.New(d.cur.store, backup.Options{DataDir: d.e.cfg.DataDir}).BackupNow()
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// windowTexts are the label texts of a window's dialogs.
func windowTexts(w fyne.Window) string { return labelTexts(w.Canvas().Overlays().List()...) }

// labelTexts are the texts of the labels in objs and everything under them.
func labelTexts(objs ...fyne.CanvasObject) string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			out = append(out, o.Text)
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		}
	}
	for _, o := range objs {
		walk(o)
	}
	return strings.Join(out, "\n")
}

func TestDesk_RestoreReplacesTheOpenData(t *testing.T) {
	d := newDesk(t)
	info := backupWith(t, d, "До копии")
	if _, err := inbox.NewService(d.cur.store).AddOperator("После копии"); err != nil {
		t.Fatal(err)
	}
	old := d.cur
	if err := restoreWait(d, info.Path); err != nil {
		t.Fatal(err)
	}
	d.closing.Wait()
	if d.cur == old || d.cur.mgr == nil || d.cur.ui.Window() == old.ui.Window() {
		t.Fatal("the data folder was not opened again as a new session with its own window")
	}
	if got := strings.Join(operatorNames(t, d.cur.store), ","); got != "До копии" {
		t.Errorf("operators after the restore %q; want the backup's «До копии» only", got)
	}
	kept, _ := filepath.Glob(filepath.Join(d.e.cfg.DataDir, storeFile+".before-restore-*"))
	if len(kept) != 1 {
		t.Fatalf("kept databases %q; want the replaced one", kept)
	}
	// The old store is closed: its file, now the kept one, is free.
	st, err := storage.Open(kept[0], storage.WithTimeout(100*time.Millisecond))
	if err != nil {
		t.Fatalf("the replaced database is still held or unreadable: %v", err)
	}
	names := strings.Join(operatorNames(t, st), ",")
	st.Close()
	if names != "До копии,После копии" {
		t.Errorf("the kept database has operators %q; want what was there before the restore", names)
	}
	if text := windowTexts(d.cur.ui.Window()); !strings.Contains(text, "Данные восстановлены из копии") || !strings.Contains(text, kept[0]) {
		t.Errorf("the new window says:\n%s\nwant that the data was restored and where the old data is", text)
	}
	if canOpen(t, d.e.cfg.StorePath()) {
		t.Error("the restored store is not open in the new session")
	}
	d.close()
	if !canOpen(t, d.e.cfg.StorePath()) {
		t.Error("the restored store is still held after quitting")
	}
}

func TestDesk_RestoreDamagedCopyChangesNothing(t *testing.T) {
	d := newDesk(t)
	info := backupWith(t, d, "Анна")
	if err := os.WriteFile(info.Path, []byte("not a zip at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := d.cur
	if err := restoreWait(d, info.Path); err != nil {
		t.Fatal(err)
	}
	d.closing.Wait()
	if d.cur == old {
		t.Fatal("the data was not opened again after the failed restore")
	}
	if got := strings.Join(operatorNames(t, d.cur.store), ","); got != "Анна" {
		t.Errorf("operators after a failed restore %q; want the data unchanged", got)
	}
	if kept, _ := filepath.Glob(filepath.Join(d.e.cfg.DataDir, storeFile+".before-restore-*")); len(kept) != 0 {
		t.Errorf("a failed restore moved the database aside: %q", kept)
	}
	if text := windowTexts(d.cur.ui.Window()); !strings.Contains(text, filepath.Base(info.Path)) || !strings.Contains(text, "Ваши данные не изменились") {
		t.Errorf("the new window says:\n%s\nwant the error naming the damaged copy", text)
	}
	d.close()
	if !canOpen(t, d.e.cfg.StorePath()) {
		t.Error("the store is still held after quitting")
	}
}

func TestDesk_RestoreWhileSwitchingRefuses(t *testing.T) {
	d := newDesk(t)
	d.switching = true
	defer func() { d.switching = false }()
	cur := d.cur
	if err := restoreWait(d, "copy.zip"); err == nil || d.cur != cur {
		t.Errorf("restore during a switch: %v; want an error and the same session", err)
	}
}
