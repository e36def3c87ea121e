package conntest

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"salonchat/inbox"
)

// Log collects a connector's log from many goroutines. The zero Log is ready to use.
type Log struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	echo bool
}

// NewLog returns a log that also copies every line to stderr when the environment
// variable echoVar is set (TELEGRAM_TEST_LOG=1 go test …).
func NewLog(echoVar string) *Log { return &Log{echo: os.Getenv(echoVar) != ""} }

// Logger is a debug-level text logger writing to l.
func (l *Log) Logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.echo {
		os.Stderr.Write(p)
	}
	return l.buf.Write(p)
}

// String is everything logged so far.
func (l *Log) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// ErrKey is the translation key of an error, "" for nil.
func ErrKey(err error) string {
	if err == nil {
		return ""
	}
	var e *inbox.Error
	if errors.As(err, &e) {
		return e.Key
	}
	return "(no key: " + err.Error() + ")"
}

// Testdata returns a file of the package's testdata folder (a captured update).
func Testdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// WriteFile puts a file in the data folder and returns its path relative to it, as an
// outbound attachment's Path.
func WriteFile(t testing.TB, dataDir, name string, data []byte) string {
	t.Helper()
	rel := "outbox/" + name
	p := filepath.Join(dataDir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return rel
}

// CheckFile checks that a downloaded attachment lies in the account's folder (wantDir,
// such as "files/telegram-1/") with the right content.
func CheckFile(t testing.TB, dataDir, wantDir string, a inbox.Attachment, want []byte) {
	t.Helper()
	if !strings.HasPrefix(a.Path, wantDir) || strings.Count(a.Path, "/") != 2 || path.Clean(a.Path) != a.Path || filepath.IsAbs(a.Path) {
		t.Errorf("%s: path %q; want a relative path under %s", a.Name, a.Path, wantDir)
		return
	}
	got, err := os.ReadFile(filepath.Join(dataDir, filepath.FromSlash(a.Path)))
	if err != nil {
		t.Errorf("%s: %v", a.Name, err)
		return
	}
	if !bytes.Equal(got, want) || int64(len(got)) != a.Size {
		t.Errorf("%s: %d bytes on disk, Size %d; want %d bytes as served", a.Name, len(got), a.Size, len(want))
	}
}
