package support

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOpenLog(t *testing.T) {
	dir := t.TempDir()
	w, err := OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("level=INFO msg=start\n")); err != nil {
		t.Fatal(err)
	}
	w.Close()
	data, err := os.ReadFile(filepath.Join(dir, "logs", "salonchat.log"))
	if err != nil || string(data) != "level=INFO msg=start\n" {
		t.Errorf("logs/salonchat.log = %q, %v", data, err)
	}
	if info, err := os.Stat(LogDir(dir)); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("log folder %v, %v; want 0700", info, err)
	}
}

// The log keeps the current file and the configured number of older ones.
func TestOpenLog_Rotation(t *testing.T) {
	dir := t.TempDir()
	w, err := openLog(dir, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	line := []byte(strings.Repeat("x", 1023) + "\n")
	for range 4 * 1024 { // 4 MB: three rotations of 1 MB files
		if _, err := w.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	// lumberjack removes the oldest files in its own goroutine.
	var files []string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		files, _ = filepath.Glob(filepath.Join(LogDir(dir), "salonchat*.log"))
		if len(files) == 3 {
			break
		}
	}
	if len(files) != 3 {
		t.Fatalf("log files %q; want salonchat.log and 2 older", files)
	}
	for _, f := range files {
		if info, _ := os.Stat(f); info.Size() > 1<<20 {
			t.Errorf("%s is %d bytes; want at most 1 MB", f, info.Size())
		}
	}
}
