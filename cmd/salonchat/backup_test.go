package main

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRun_BackupRestore: the demo salon, backed up both ways, restores into other
// folders with the same export; restoring over data keeps that data aside.
func TestRun_BackupRestore(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCmd(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut)
	}
	_, want, _ := runCmd(t, "export", "--data", dir)
	wantCounts := exported(t, want)

	carried := filepath.Join(t.TempDir(), "салон на флешку.zip")
	if code, out, errOut := runCmd(t, "backup", "--data", dir, "--out", carried); code != 0 || !strings.Contains(out, carried) {
		t.Fatalf("backup --out: exit %d, %q, %s", code, out, errOut)
	}
	if code, out, errOut := runCmd(t, "backup", "--data", dir); code != 0 || !strings.Contains(out, filepath.Join(dir, "backups")) {
		t.Fatalf("backup: exit %d, %q, %s", code, out, errOut)
	}
	daily, _ := filepath.Glob(filepath.Join(dir, "backups", "salonchat-*.zip"))
	if len(daily) != 1 {
		t.Fatalf("backups folder holds %v", daily)
	}
	for name, from := range map[string]string{"self-contained": carried, "daily": daily[0]} {
		to := filepath.Join(t.TempDir(), "restored")
		code, out, errOut := runCmd(t, "restore", "--data", to, "--from", from)
		if code != 0 {
			t.Fatalf("%s restore: exit %d: %s", name, code, errOut)
		}
		_, got, _ := runCmd(t, "export", "--data", to)
		if gotCounts := exported(t, got); !maps.Equal(gotCounts, wantCounts) {
			t.Errorf("%s: restored export %v; want %v", name, gotCounts, wantCounts)
		}
		if got != want {
			t.Errorf("%s: the restored export differs from the original", name)
		}
		if !containsAny(out, translated(t, "demo.done", map[string]any{"Chats": wantCounts["chat"], "Dialogs": wantCounts["dialog"], "Messages": wantCounts["message"]})) {
			t.Errorf("%s: restore said %q", name, out)
		}
	}

	// Over existing data: the replaced database is kept.
	if code, _, errOut := runCmd(t, "restore", "--data", dir, "--from", carried); code != 0 {
		t.Fatalf("restore over data: exit %d: %s", code, errOut)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, "salonchat.db.before-restore-*"))
	if len(kept) != 1 {
		t.Errorf("kept databases %v; want one", kept)
	}
}

func TestRun_RestoreUsage(t *testing.T) {
	if code, _, errOut := runCmd(t, "restore", "--data", t.TempDir()); code != exitUsage || !containsAny(errOut, []string{"--from"}) {
		t.Errorf("restore without --from: exit %d, %q", code, errOut)
	}
	typo := filepath.Join(t.TempDir(), "опечатка")
	if code, _, errOut := runCmd(t, "backup", "--data", typo); code != exitError || !containsAny(errOut, translated(t, "backup.no_store", map[string]any{"Dir": typo})) {
		t.Errorf("backup of a folder without data: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(typo); !os.IsNotExist(err) {
		t.Errorf("backup created the mistyped folder: %v", err)
	}
}

// TestRun_BackupRestoreRefuseFolderInUse: with another SalonChat holding the folder,
// restore refuses within about a second and changes nothing; backup says the running
// app makes its own backups.
func TestRun_BackupRestoreRefuseFolderInUse(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCmd(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut)
	}
	carried := filepath.Join(t.TempDir(), "copy.zip")
	if code, _, errOut := runCmd(t, "backup", "--data", dir, "--out", carried); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	holdStore(t, dir)

	start := time.Now()
	code, _, errOut := runCmd(t, "restore", "--data", dir, "--from", carried)
	if code != exitError || !containsAny(errOut, translated(t, "error.in_use", nil)) {
		t.Errorf("restore into a folder in use: exit %d, %q", code, errOut)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("refusing took %v", took)
	}
	if kept, _ := filepath.Glob(filepath.Join(dir, "salonchat.db.*")); len(kept) != 0 {
		t.Errorf("a refused restore left %v", kept)
	}
	code, _, errOut = runCmd(t, "backup", "--data", dir)
	own := translated(t, "backup.app_makes_own", map[string]any{"Dir": filepath.Join(dir, "backups")})
	if code != exitError || !containsAny(errOut, translated(t, "error.in_use", nil)) || !containsAny(errOut, own) {
		t.Errorf("backup of a folder in use: exit %d, %q", code, errOut)
	}
}
