package main

import (
	"archive/zip"
	"bytes"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"salonchat/assets"
)

func TestLogToFile(t *testing.T) {
	var stderr bytes.Buffer
	e := &env{cfg: Config{DataDir: t.TempDir()}, stderr: &stderr, log: slog.New(slog.DiscardHandler)}
	closeLog := e.logToFile("serve")
	e.log.Info("serving")
	log.Print("Fyne error: something") // Fyne reports through package log
	closeLog()
	data, err := os.ReadFile(filepath.Join(e.cfg.DataDir, "logs", "salonchat.log"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"msg=start command=serve version=", "msg=serving", "Fyne error: something", "msg=exit"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("log file lacks %q:\n%s", want, data)
		}
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if log.Writer() != os.Stderr {
		t.Error("package log still writes to the closed file")
	}
}

func TestHasOutput(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	if !hasOutput(f) {
		t.Error("hasOutput(open file) = false")
	}
	f.Close()
	if hasOutput(f) {
		t.Error("hasOutput(closed file) = true; a stream that leads nowhere")
	}
	if !hasOutput(&bytes.Buffer{}) {
		t.Error("hasOutput(buffer) = false")
	}
}

func TestRun_Report(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCmd(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut)
	}
	out := filepath.Join(t.TempDir(), "report.zip")
	code, _, errOut := runCmd(t, "report", "--data", dir, "--out", out)
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	z, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	slices.Sort(names)
	if want := []string{"accounts.json", "store.json", "versions.json"}; !slices.Equal(names, want) {
		t.Errorf("report entries %q; want %q (no logs: demo writes none)", names, want)
	}
}

// A report of a folder without a store says so and does not create one.
func TestRun_Report_NoStore(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(t.TempDir(), "report.zip")
	code, _, errOut := runCmd(t, "report", "--data", dir, "--out", out)
	if code != 0 || !containsAny(errOut, translated(t, "report.written", map[string]any{"File": out})) {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, storeFile)); err == nil {
		t.Error("report created a store")
	}
}

// The window's application id is FyneApp.toml's: preferences live under it.
func TestAppID(t *testing.T) {
	a, err := assets.ReadApp()
	if err != nil {
		t.Fatal(err)
	}
	if appID != a.ID {
		t.Errorf("appID = %q; FyneApp.toml says %q", appID, a.ID)
	}
}
