package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite_ReplacesWholeOrNotAtAll(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "новая папка")
	p := filepath.Join(dir, "состояние.ts")
	if err := WriteBytes(p, []byte("один")); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(p, []byte("два")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "два" {
		t.Fatalf("content %q; want the second write", b)
	}
	boom := errors.New("disk full")
	err := Write(p, func(f *os.File) error {
		f.WriteString("половина")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Write = %v; want the fill's error", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "два" {
		t.Errorf("after a failed write the file holds %q; want it unchanged", b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.partial")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("folder made as %v, %v; want readable by this user only", fi, err)
	}
}
