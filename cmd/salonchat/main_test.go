package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"salonchat/assets"
	"salonchat/i18n"
	"salonchat/inbox"
	"salonchat/storage"
)

// runCmd runs the program in-process.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// translated returns key's text in every language, for output that follows the
// machine's locale.
func translated(t *testing.T, key string, args map[string]any) []string {
	t.Helper()
	files, err := fs.Sub(assets.Translations, assets.TranslationsDir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, lang := range i18n.Languages {
		tr, err := i18n.New(files, lang)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tr.T(key, args))
	}
	return out
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// exported parses JSON lines and counts records by type.
func exported(t *testing.T, out string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct{ Type string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || rec.Type == "" {
			t.Fatalf("export line %q: %v", sc.Text(), err)
		}
		counts[rec.Type]++
	}
	return counts
}

// storeCounts counts dialogs and messages by reading the store itself.
func storeCounts(t *testing.T, dir string) (dialogs, messages int) {
	t.Helper()
	readStore(t, dir, func(tx inbox.ReadTx) error {
		return tx.WalkChats(func(c inbox.Chat) error {
			ds, err := tx.DialogsOfChat(c.ID)
			dialogs += len(ds)
			if err != nil {
				return err
			}
			return tx.WalkMessages(c.ID, func(inbox.Message) error { messages++; return nil })
		})
	})
	return dialogs, messages
}

func TestRun_DemoThenExport(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCmd(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut)
	}
	code, out, errOut := runCmd(t, "--data", dir, "export")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	dialogs, messages := storeCounts(t, dir)
	want := map[string]int{"salon": 1, "account": 3, "operator": 5, "template": 7, "client": 30, "chat": 43, "connection": 1,
		"dialog": dialogs, "message": messages}
	got := exported(t, out)
	for typ, n := range want {
		if got[typ] != n {
			t.Errorf("export has %d %s records; want %d", got[typ], typ, n)
		}
	}
	if messages < 300 || dialogs < 50 {
		t.Errorf("demo salon has %d dialogs and %d messages; want a fuller story", dialogs, messages)
	}
}

func TestRun_ExportClientToFile(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCmd(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut)
	}
	file := filepath.Join(t.TempDir(), "client.jsonl")
	if code, _, errOut := runCmd(t, "export", "--data", dir, "--client", "1", "--out", file); code != 0 {
		t.Fatalf("export --client: exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	got := exported(t, string(data))
	if got["client"] != 1 || got["salon"] != 0 || got["account"] != 3 {
		t.Errorf("client export has %v; want one client, the accounts, no salon", got)
	}
	if info, err := os.Stat(file); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("export file mode = %v (%v); want 0600", info.Mode(), err)
	}
	code, _, errOut := runCmd(t, "export", "--data", dir, "--client", "99999")
	if code != exitError || !containsAny(errOut, translated(t, "export.no_client", map[string]any{"ID": 99999})) {
		t.Errorf("export of an unknown client: exit %d, %q", code, errOut)
	}
}

func TestRun_DemoRefusesFullFolder(t *testing.T) {
	dir := t.TempDir()
	small := []string{"demo", "--data", dir, "--chats", "20", "--messages", "60"}
	if code, _, errOut := runCmd(t, small...); code != 0 {
		t.Fatalf("first demo: exit %d: %s", code, errOut)
	}
	code, _, errOut := runCmd(t, small...)
	if code != exitError || !containsAny(errOut, translated(t, "demo.has_data", map[string]any{"Dir": dir})) {
		t.Fatalf("second demo: exit %d, %q; want a refusal", code, errOut)
	}
	if code, _, errOut := runCmd(t, append(small, "--force")...); code != 0 {
		t.Fatalf("demo --force: exit %d: %s", code, errOut)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, storeFile+".before-demo-*"))
	if len(kept) != 1 {
		t.Errorf("old data kept as %v; want one file", kept)
	}
}

func TestRun_DataFlagBeforeAndAfter(t *testing.T) {
	for name, args := range map[string]func(dir string) []string{
		"before": func(dir string) []string { return []string{"--data", dir, "export"} },
		"after":  func(dir string) []string { return []string{"export", "--data", dir} },
		"equals": func(dir string) []string { return []string{"export", "-data=" + dir} },
	} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			code, out, errOut := runCmd(t, args(dir)...)
			if code != 0 || exported(t, out)["salon"] != 1 {
				t.Fatalf("exit %d, output %q, %s", code, out, errOut)
			}
			info, err := os.Stat(dir)
			if err != nil || info.Mode().Perm() != 0o700 {
				t.Fatalf("data folder: %v, %v; want created with 0700", info, err)
			}
			if _, err := os.Stat(filepath.Join(dir, storeFile)); err != nil {
				t.Errorf("store not in the --data folder: %v", err)
			}
		})
	}
}

func TestRun_Usage(t *testing.T) {
	app, err := assets.ReadApp()
	if err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runCmd(t, "version"); code != 0 || !strings.Contains(out, app.Version+" ") {
		t.Errorf("version: exit %d, %q; want FyneApp.toml's %s", code, out, app.Version)
	}
	if code, _, _ := runCmd(t, "frobnicate"); code != exitUsage {
		t.Errorf("unknown command: exit %d; want %d", code, exitUsage)
	}
	if code, _, _ := runCmd(t, "export", "--data", t.TempDir(), "extra"); code != exitUsage {
		t.Errorf("extra argument: exit %d; want %d", code, exitUsage)
	}
	if code, _, errOut := runCmd(t, "help"); code != 0 || !containsAny(errOut, []string{"salonchat demo"}) {
		t.Errorf("help: exit %d, %q", code, errOut)
	}
}

// holdEnv makes the test binary a second SalonChat that holds a store (see
// TestHelperHoldStore).
const holdEnv = "SALONCHAT_TEST_HOLD_STORE"

// TestHelperHoldStore is not a test: run as a child process with holdEnv set, it opens
// that store, says "ready" and keeps it open until its stdin closes.
func TestHelperHoldStore(t *testing.T) {
	path := os.Getenv(holdEnv)
	if path == "" {
		t.Skip("helper process only")
	}
	st, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	os.Stdout.WriteString("ready\n")
	io.Copy(io.Discard, os.Stdin)
}

// holdStore starts a second SalonChat (TestHelperHoldStore) that holds the store of dir
// until the test ends.
func holdStore(t *testing.T, dir string) {
	t.Helper()
	child := exec.Command(os.Args[0], "-test.run=^TestHelperHoldStore$")
	child.Env = append(os.Environ(), holdEnv+"="+filepath.Join(dir, storeFile))
	stdin, err := child.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); child.Wait() })
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("helper said %q, %v", line, err)
	}
}

func TestRun_FolderInUse(t *testing.T) {
	dir := t.TempDir()
	holdStore(t, dir)

	for _, args := range [][]string{
		{"export"},
		{"chats"},
		{"send", "--chat", "1", "--text", "Здравствуйте", "--operator", "1"},
	} {
		start := time.Now()
		code, out, errOut := runCmd(t, append(args, "--data", dir)...)
		took := time.Since(start)
		if code != exitError || out != "" || !containsAny(errOut, translated(t, "error.in_use", nil)) {
			t.Errorf("%s in a folder in use: exit %d, stderr %q; want the in-use message", args[0], code, errOut)
		}
		// The lock wait is 0.9 s; allow for a loaded machine and the race detector.
		if took > 2*time.Second {
			t.Errorf("%s: refusing a folder in use took %v; want about a second", args[0], took)
		}
	}
}

// TestRun_UnreadableOrNewerStore: a data file from a newer SalonChat, or one that is not
// a SalonChat file at all, is refused with words that say which and what to do, and is
// left as it was.
func TestRun_UnreadableOrNewerStore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "salonchat.db")
	garbage := bytes.Repeat([]byte("не база данных "), 1000)
	if err := os.WriteFile(path, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCmd(t, "export", "--data", dir)
	want := translated(t, "data.damaged", map[string]any{"File": path, "Backups": filepath.Join(dir, "backups")})
	if code != exitError || !containsAny(errOut, want) {
		t.Errorf("export of a damaged store: exit %d, stderr %q; want the damaged-file message", code, errOut)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, garbage) {
		t.Error("the damaged file was changed")
	}

	newer := t.TempDir()
	s, err := storage.Open(filepath.Join(newer, "salonchat.db"))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := s.SchemaVersion()
	s.Close()
	db, err := bolt.Open(filepath.Join(newer, "salonchat.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("version"), binary.BigEndian.AppendUint64(nil, v+1))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCmd(t, "chats", "--data", newer)
	want = translated(t, "data.newer", map[string]any{"File": filepath.Join(newer, "salonchat.db")})
	if code != exitError || !containsAny(errOut, want) {
		t.Errorf("chats on a newer store: exit %d, stderr %q; want the newer-version message", code, errOut)
	}
}
