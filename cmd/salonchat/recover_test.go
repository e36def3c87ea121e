package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"salonchat/storage"
)

// TestDesk_RecoverDamagedStoreFromKeptCopy: when salonchat.db cannot be read, opening
// fails with ErrDamaged, the recovery window offers the kept copy, and restoring it opens
// the messenger over the copy's data, the damaged file kept aside byte for byte.
func TestDesk_RecoverDamagedStoreFromKeptCopy(t *testing.T) {
	d := newDesk(t)
	info := backupWith(t, d, "Из копии")
	d.close()
	garbage := bytes.Repeat([]byte("испорченный файл "), 500)
	if err := os.WriteFile(d.e.cfg.StorePath(), garbage, 0o600); err != nil {
		t.Fatal(err)
	}

	_, err := d.open(false)
	if !errors.Is(err, storage.ErrDamaged) {
		t.Fatalf("opening an unreadable store: %v; want ErrDamaged", err)
	}
	r := d.recover()
	if text := labelTexts(r.Window().Content()); !strings.Contains(text, "повреждён") || !strings.Contains(text, "Копия от") {
		t.Errorf("the recovery window says:\n%s\nwant the reason and the kept copy", text)
	}
	show, err := d.restoreDamaged(info.Path)
	if err != nil {
		t.Fatal(err)
	}
	if err := show(); err != nil {
		t.Fatal(err)
	}
	if d.cur == nil {
		t.Fatal("no session after restoring the copy")
	}
	if got := strings.Join(operatorNames(t, d.cur.store), ","); got != "Из копии" {
		t.Errorf("operators after recovering %q; want the copy's", got)
	}
	kept, _ := filepath.Glob(filepath.Join(d.e.cfg.DataDir, storeFile+".before-restore-*"))
	if len(kept) != 1 {
		t.Fatalf("kept files %q; want the damaged one", kept)
	}
	if got, _ := os.ReadFile(kept[0]); !bytes.Equal(got, garbage) {
		t.Error("the damaged file was not kept as it was")
	}
	if text := windowTexts(d.cur.ui.Window()); !strings.Contains(text, "Данные восстановлены из копии") {
		t.Errorf("the messenger says:\n%s\nwant that the data was restored", text)
	}
}
