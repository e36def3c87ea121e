package backup

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"salonchat/inbox"
)

func TestInspect(t *testing.T) {
	s := newSalon(t)
	s.receive("1", "фото")
	info, err := s.scheduler(Options{}).BackupNow()
	must(t, err)
	m, err := Inspect(info.Path)
	must(t, err)
	if m.Created.Sub(info.Created).Abs() > time.Second || m.Files != filesBeside {
		t.Errorf("manifest %+v of a daily copy made %v", m, info.Created)
	}

	junk := filepath.Join(t.TempDir(), "фото.zip")
	must(t, os.WriteFile(junk, []byte("PK not really"), 0o600))
	if _, err := Inspect(junk); err == nil {
		t.Fatal("a file that is no backup was inspected without an error")
	} else if key, _ := inbox.ErrorKey(err); key != "backup.not_backup" {
		t.Errorf("error %v; want backup.not_backup", err)
	}
}
