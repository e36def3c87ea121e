package files

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"salonchat/inbox"
)

func TestDir(t *testing.T) {
	if got := Dir(inbox.Telegram, 12); got != "files/telegram-12" {
		t.Errorf("Dir(telegram, 12) = %q; want files/telegram-12", got)
	}
	if got := Dir(inbox.WhatsApp, 7); got != "files/whatsapp-7" {
		t.Errorf("Dir(whatsapp, 7) = %q; want files/whatsapp-7", got)
	}
}

func TestStat(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "outbox", "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(dir, "outbox", "price.pdf")
	if err := os.WriteFile(abs, []byte("pdf"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"outbox/price.pdf", abs} {
		got, st, err := Stat(dir, p)
		if err != nil || got != abs || st.Size() != 3 {
			t.Errorf("Stat(%q) = %q, %v; want %q of 3 bytes", p, got, err, abs)
		}
	}
	if _, _, err := Stat(dir, "outbox/sub"); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("Stat(a folder) = %v; want an error", err)
	}
	if _, _, err := Stat(dir, "outbox/missing.pdf"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Stat(missing) = %v; want not exist", err)
	}
}

func TestCopy(t *testing.T) {
	dir := t.TempDir()
	dst := filepath.Join(dir, "files", "vk-1", "a.txt")
	n, err := Copy(dst, strings.NewReader("hello"), 5)
	if err != nil || n != 5 {
		t.Fatalf("Copy = %d, %v; want 5 bytes", n, err)
	}
	if got, _ := os.ReadFile(dst); string(got) != "hello" {
		t.Errorf("file holds %q", got)
	}
	if st, err := os.Stat(filepath.Dir(dst)); err != nil || (runtime.GOOS != "windows" && st.Mode().Perm() != 0o700) {
		t.Errorf("folder %v, %v; want mode 0700", st.Mode(), err)
	}
	// Over the limit: refused, and the earlier copy stays as it was.
	if n, err := Copy(dst, strings.NewReader("hello!"), 5); !errors.Is(err, ErrTooBig) || n != 0 {
		t.Errorf("Copy over the limit = %d, %v; want ErrTooBig", n, err)
	}
	if got, _ := os.ReadFile(dst); string(got) != "hello" {
		t.Errorf("file after a refused copy holds %q", got)
	}
	// No limit.
	big := bytes.Repeat([]byte("x"), 1<<16)
	if n, err := Copy(dst, bytes.NewReader(big), 0); err != nil || n != int64(len(big)) {
		t.Errorf("Copy without a limit = %d, %v", n, err)
	}
	assertNoTemp(t, filepath.Dir(dst))
}

func TestSave_Failure(t *testing.T) {
	dir := t.TempDir()
	dst := filepath.Join(dir, "f.bin")
	broken := errors.New("connection reset")
	err := Save(dst, func(f *os.File) error {
		io.WriteString(f, "half")
		return broken
	})
	if !errors.Is(err, broken) {
		t.Errorf("Save = %v; want the fill's error", err)
	}
	if _, err := os.Stat(dst); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed download left %s (%v)", dst, err)
	}
	assertNoTemp(t, dir)
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(dir, ".*.partial"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
