package support

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"salonchat/inbox"
	"salonchat/storage/storagetest"
)

// Secrets and personal data the seeded store holds; none may appear in a report.
const (
	testToken  = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
	testText   = "Запишите меня на окрашивание в пятницу"
	testClient = "Аглая Кузнецова"
	testPhone  = "79161234567"
)

// seededReport makes a data folder with a store (an account with a token, a client's
// message) and a log file that, as a slip, quotes the token; it returns a report of it.
func seededReport(t *testing.T) Report {
	t.Helper()
	store := storagetest.Open(t)
	acc := &inbox.Account{Network: inbox.Telegram, Title: "Бот салона",
		Settings: map[string]string{"token": testToken, "pace_seconds": "3"},
		Health:   inbox.Health{State: inbox.HealthError, Reason: "health.token_invalid", Detail: "401 Unauthorized"}}
	if err := store.Update(func(tx inbox.Tx) error { return tx.PutAccount(acc) }); err != nil {
		t.Fatal(err)
	}
	svc := inbox.NewService(store)
	if _, err := svc.Receive(inbox.Inbound{Account: acc.ID, Peer: "555", ChatName: testClient, Phone: "+" + testPhone,
		ExternalID: "1", At: time.Now(), Text: testText}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	w, err := OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "time=… level=INFO msg=serving\n")
	io.WriteString(w, "time=… level=WARN msg=\"getUpdates failed\" err=\"https://api.telegram.org/bot"+testToken+"/getUpdates\"\n")
	w.Close()
	if err := os.WriteFile(filepath.Join(LogDir(dir), "salonchat-2026-11-24T10-00-00.000.log"), []byte("older\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return Report{App: App{Version: "0.1.0", Build: "1"}, DataDir: dir, Store: store, Now: time.Now()}
}

// unzip returns every entry of a zip by name.
func unzip(t *testing.T, data []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = string(b)
	}
	return out
}

func TestReport_Write(t *testing.T) {
	var buf bytes.Buffer
	if err := seededReport(t).Write(&buf); err != nil {
		t.Fatal(err)
	}
	entries := unzip(t, buf.Bytes())
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range entries {
			if !yield(n) {
				return
			}
		}
	})
	want := []string{"accounts.json", "logs/salonchat-2026-11-24T10-00-00.000.log", "logs/salonchat.log", "store.json", "versions.json"}
	if !slices.Equal(names, want) {
		t.Fatalf("entries %q; want %q", names, want)
	}
	for name, body := range entries {
		for _, secret := range []string{testToken, testText, testClient, testPhone, "401 Unauthorized"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s contains %q:\n%s", name, secret, body)
			}
		}
	}
	var accounts []account
	if err := json.Unmarshal([]byte(entries["accounts.json"]), &accounts); err != nil {
		t.Fatal(err)
	}
	if len(accounts) != 1 || accounts[0].Network != inbox.Telegram || accounts[0].Title != "Бот салона" ||
		accounts[0].Health != "error" || accounts[0].Reason != "health.token_invalid" {
		t.Errorf("accounts.json = %+v; want the Telegram bot in error, health.token_invalid", accounts)
	}
	var stats struct {
		Schema  uint64
		Records map[string]int
	}
	if err := json.Unmarshal([]byte(entries["store.json"]), &stats); err != nil {
		t.Fatal(err)
	}
	if stats.Schema == 0 || stats.Records["msgs"] != 1 || stats.Records["chats"] != 1 {
		t.Errorf("store.json = %+v; want a schema and 1 chat, 1 message", stats)
	}
	var v Versions
	if err := json.Unmarshal([]byte(entries["versions.json"]), &v); err != nil {
		t.Fatal(err)
	}
	if v.App.Version != "0.1.0" || !strings.HasPrefix(v.Go, "go") || v.OS == "" {
		t.Errorf("versions.json = %+v; want app 0.1.0, Go and OS versions", v)
	}

	if log := entries["logs/salonchat.log"]; !strings.Contains(log, "msg=serving") || !strings.Contains(log, "/bot[hidden]/getUpdates") {
		t.Errorf("logs/salonchat.log = %q; want the lines, the token hidden", log)
	}
}

// A report without a store (the store could not be opened) still carries what helps.
func TestReport_Write_NoStore(t *testing.T) {
	r := seededReport(t)
	r.Store = nil
	var buf bytes.Buffer
	if err := r.Write(&buf); err != nil {
		t.Fatal(err)
	}
	entries := unzip(t, buf.Bytes())
	if _, ok := entries["versions.json"]; !ok {
		t.Errorf("entries %v; want versions.json", entries)
	}
	if _, ok := entries["accounts.json"]; ok {
		t.Error("accounts.json written without a store")
	}
}

func TestModuleVersion(t *testing.T) {
	info := &debug.BuildInfo{Deps: []*debug.Module{
		{Path: "go.etcd.io/bbolt", Version: "v1.5.0"},
		{Path: "fyne.io/fyne/v2", Version: "v2.7.1", Replace: &debug.Module{Path: "../fyne", Version: ""}},
	}}
	for _, tc := range []struct {
		name, path, want string
	}{
		{"linked", "go.etcd.io/bbolt", "v1.5.0"},
		{"replaced", "fyne.io/fyne/v2", "v2.7.1 => ../fyne"},
		{"absent", "github.com/go-telegram/bot", ""},
	} {
		if got := moduleVersion(info, tc.path); got != tc.want {
			t.Errorf("%s: moduleVersion(%q) = %q; want %q", tc.name, tc.path, got, tc.want)
		}
	}
	if got := moduleVersion(nil, "fyne.io/fyne/v2"); got != "" {
		t.Errorf("moduleVersion(nil) = %q; want empty", got)
	}
}

func TestFileName(t *testing.T) {
	day := time.Date(2026, 11, 25, 23, 59, 0, 0, time.UTC)
	if got, want := (Report{}).FileName(day), "SalonChat-report-2026-11-25.zip"; got != want {
		t.Errorf("FileName(%v) = %q; want %q", day, got, want)
	}
}
