package backup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"salonchat/inbox"
	"salonchat/storage"
)

// TestRestore_KeepsOldAndBringsBackEverything: a scheduled backup restored over a
// folder whose store moved on: refused while the store is open, then the old database
// kept aside, the backup's messages, client and files back, a changed file kept aside.
func TestRestore_KeepsOldAndBringsBackEverything(t *testing.T) {
	s := newSalon(t)
	first := s.receive("1", "первое фото")
	s.receive("2", "")
	s.receive("1", "второе фото")
	cl, err := s.svc.CreateClientFromChat(0, first.Chat)
	must(t, err)
	inBackup, _ := walk(t, s.store, s.dir)
	sc := s.scheduler(Options{})
	info, err := sc.BackupNow()
	must(t, err)
	s.receive("3", "после копии") // not in the backup

	// The store is open: restore must refuse at once and change nothing.
	start := time.Now()
	_, err = Restore(s.dir, info.Path, t0, 200*time.Millisecond)
	if key, _ := inbox.ErrorKey(err); key != "error.in_use" {
		t.Fatalf("restore while open: %v; want the in-use error", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("refusal took %v", took)
	}
	s.close()

	// A file the backup has is now different on disk: it must be kept, not overwritten.
	changed := filepath.Join(s.dir, "files", "telegram-1", "1_фото записи.jpg")
	must(t, os.WriteFile(changed, []byte("отредактировано позже"), 0o600))
	before, _ := contents(t, s.dir)

	now := t0.Add(48 * time.Hour)
	res, err := Restore(s.dir, info.Path, now, time.Second)
	must(t, err)
	if res.Kept == "" || !strings.Contains(res.Kept, "before-restore-20261104-030000") {
		t.Errorf("kept database at %q", res.Kept)
	}
	// The kept database is the one that was replaced, whole.
	keptDir := t.TempDir()
	must(t, os.Rename(res.Kept, filepath.Join(keptDir, StoreFile)))
	if n, _ := contents(t, keptDir); n != before {
		t.Errorf("kept database has %d messages; the replaced one had %d", n, before)
	}
	n, missing := contents(t, s.dir)
	if n != inBackup || n >= before || len(missing) != 0 {
		t.Errorf("restored store: %d messages (want %d, the replaced one had %d), missing files %v", n, inBackup, before, missing)
	}
	if got, _ := os.ReadFile(changed); string(got) != "первое фото" {
		t.Errorf("restored file holds %q", got)
	}
	if len(res.KeptFiles) != 1 {
		t.Fatalf("kept files %v; want the changed one", res.KeptFiles)
	}
	if got, _ := os.ReadFile(res.KeptFiles[0]); string(got) != "отредактировано позже" {
		t.Errorf("kept file holds %q", got)
	}
	st, err := storage.Open(filepath.Join(s.dir, StoreFile))
	must(t, err)
	defer st.Close()
	svc := inbox.NewService(st)
	if c, err := svc.ClientDetails(cl.ID); err != nil || len(c.Chats) != 1 {
		t.Errorf("restored client: %+v, %v", c, err)
	}
}

// TestRestore_SelfContainedIntoNewFolder: WriteFile's zip carries the files inside
// and restores into an empty folder on another computer.
func TestRestore_SelfContainedIntoNewFolder(t *testing.T) {
	s := newSalon(t)
	s.receive("1", "фото")
	s.receive("2", "прайс")
	out := filepath.Join(t.TempDir(), "копия салона.zip")
	must(t, WriteFile(out, s.store, s.dir, t0))
	dst := filepath.Join(t.TempDir(), "новый компьютер")
	res, err := Restore(dst, out, t0, time.Second)
	must(t, err)
	if res.Kept != "" || res.Copied != 2 || res.Manifest.Files != filesInside {
		t.Errorf("result %+v", res)
	}
	if n, missing := contents(t, dst); n != 2 || len(missing) != 0 {
		t.Errorf("restored %d messages, missing files %v", n, missing)
	}
}

// TestRestore_RefusesBadBackups: nothing in the data folder changes when the backup
// is damaged, is not a backup, or its files were not carried along.
func TestRestore_RefusesBadBackups(t *testing.T) {
	s := newSalon(t)
	s.receive("1", "фото")
	sc := s.scheduler(Options{})
	info, err := sc.BackupNow()
	must(t, err)
	s.close()
	orig, err := os.ReadFile(filepath.Join(s.dir, StoreFile))
	must(t, err)

	raw, err := os.ReadFile(info.Path)
	must(t, err)
	damaged := filepath.Join(t.TempDir(), info.Name)
	bad := append([]byte(nil), raw...)
	for i := len(bad) / 3; i < len(bad)/3+64; i++ {
		bad[i] ^= 0xff
	}
	must(t, os.WriteFile(damaged, bad, 0o600))
	notZip := filepath.Join(t.TempDir(), "photo.zip")
	must(t, os.WriteFile(notZip, []byte("PK not really"), 0o600))
	alone := filepath.Join(t.TempDir(), info.Name) // copied without the files folders
	must(t, os.WriteFile(alone, raw, 0o600))

	for _, tc := range []struct{ file, key string }{
		{damaged, "backup.damaged"},
		{notZip, "backup.not_backup"},
		{alone, "backup.no_files_beside"},
		{filepath.Join(t.TempDir(), "missing.zip"), "backup.not_backup"},
	} {
		_, err := Restore(s.dir, tc.file, t0, time.Second)
		if key, _ := inbox.ErrorKey(err); key != tc.key {
			t.Errorf("Restore(%s) = %v; want %s", filepath.Base(tc.file), err, tc.key)
		}
	}
	now, err := os.ReadFile(filepath.Join(s.dir, StoreFile))
	must(t, err)
	if string(now) != string(orig) {
		t.Error("a refused restore changed the database")
	}
	if left, _ := filepath.Glob(filepath.Join(s.dir, "*before-restore*")); len(left) > 0 {
		t.Errorf("refused restores left %v", left)
	}
	if left, _ := filepath.Glob(filepath.Join(s.dir, ".restore-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
