package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"salonchat/inbox"
	"salonchat/storage"
)

// fakeBotAPI is a Bot API server with one client message waiting, that records what the
// bot sends and which update offsets it confirmed.
type fakeBotAPI struct {
	mu        sync.Mutex
	delivered bool
	confirmed chan string // offsets of getUpdates
	sent      chan string // texts of sendMessage
}

func newFakeBotAPI(t *testing.T) (*fakeBotAPI, *httptest.Server) {
	f := &fakeBotAPI{confirmed: make(chan string, 100), sent: make(chan string, 10)}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeBotAPI) serve(w http.ResponseWriter, r *http.Request) {
	form := map[string]string{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var body map[string]any
		json.NewDecoder(r.Body).Decode(&body)
		for k, v := range body {
			form[k] = fmt.Sprint(v)
		}
	} else {
		r.ParseMultipartForm(1 << 20)
		for k := range r.Form {
			form[k] = r.FormValue(k)
		}
	}
	now := time.Now().Unix()
	var result any = true
	switch r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:] {
	case "getMe":
		result = map[string]any{"id": 42, "is_bot": true, "first_name": "Лотос", "username": "lotos_bot"}
	case "getUpdates":
		select {
		case f.confirmed <- form["offset"]:
		default:
		}
		f.mu.Lock()
		first := !f.delivered
		f.delivered = true
		f.mu.Unlock()
		result = []any{}
		if first {
			result = []any{map[string]any{"update_id": 1, "message": map[string]any{"message_id": 7, "date": now,
				"chat": map[string]any{"id": 555, "type": "private", "first_name": "Мария"},
				"from": map[string]any{"id": 555, "is_bot": false, "first_name": "Мария"},
				"text": "Здравствуйте! Есть окно в субботу?"}}}
		} else {
			select { // a long poll, cut short
			case <-r.Context().Done():
			case <-time.After(100 * time.Millisecond):
			}
		}
	case "sendMessage":
		result = map[string]any{"message_id": 100, "date": now, "chat": map[string]any{"id": 555, "type": "private"}, "text": form["text"]}
		defer func() { // once the answer is on its way
			select {
			case f.sent <- form["text"]:
			default:
			}
		}()
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
	if fl, ok := w.(http.Flusher); ok {
		fl.Flush()
	}
}

// serveEnv makes the test binary run salonchat serve on a folder (see TestHelperServe).
const serveEnv = "SALONCHAT_TEST_SERVE"

// TestHelperServe is not a test: run as a child process with serveEnv set, it is
// salonchat serve on that folder, until SIGINT.
func TestHelperServe(t *testing.T) {
	dir := os.Getenv(serveEnv)
	if dir == "" {
		t.Skip("helper process only")
	}
	os.Exit(run([]string{"serve", "--data", dir}, os.Stdout, os.Stderr))
}

// startServe runs salonchat serve on dir in another process; stop ends it with SIGINT.
func startServe(t *testing.T, dir string) (stop func()) {
	t.Helper()
	child := exec.Command(os.Args[0], "-test.run=^TestHelperServe$")
	child.Env = append(os.Environ(), serveEnv+"="+dir, "LANG=ru_RU.UTF-8")
	var log strings.Builder
	child.Stdout, child.Stderr = &log, &log
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	return func() {
		child.Process.Signal(os.Interrupt)
		if err := child.Wait(); err != nil {
			t.Errorf("serve: %v\n%s", err, log.String())
		}
	}
}

// waitFor reads ch until a value satisfies ok, failing after 15 s.
func waitFor(t *testing.T, ch chan string, what string, ok func(string) bool) string {
	t.Helper()
	timeout := time.After(15 * time.Second)
	for {
		select {
		case v := <-ch:
			if ok(v) {
				return v
			}
		case <-timeout:
			t.Fatalf("no %s within 15 s", what)
		}
	}
}

// TestRun_ServeSendsWhatSendQueued is the whole way of a scripted message: a client
// writes while serve runs; send is refused while serve holds the folder; queued after
// serve stopped, the message goes out when serve runs again.
func TestRun_ServeSendsWhatSendQueued(t *testing.T) {
	if testing.Short() {
		t.Skip("runs serve in another process")
	}
	api, srv := newFakeBotAPI(t)
	dir := t.TempDir()
	if code, _, errOut := runCmd(t, "accounts", "add", "telegram", "--token", "1:AAA", "--api-url", srv.URL,
		"--no-check", "--data", dir); code != 0 {
		t.Fatalf("accounts add: exit %d: %s", code, errOut)
	}
	st, err := storage.Open(filepath.Join(dir, storeFile))
	must(t, err)
	_, err = inbox.NewService(st).AddOperator("Анна Смирнова")
	must(t, err)
	must(t, st.Close())

	stop := startServe(t, dir)
	waitFor(t, api.confirmed, "confirmation of the client's message", func(o string) bool { return o == "2" })
	code, _, errOut := runCmd(t, "send", "--data", dir, "--chat", "1", "--text", "Да")
	if code != exitError || !containsAny(errOut, translated(t, "error.in_use", nil)) {
		t.Errorf("send while serve runs: exit %d, %q; want the in-use message", code, errOut)
	}
	stop()

	code, out, errOut := runCmd(t, "chats", "--data", dir)
	if code != 0 || !strings.HasPrefix(out, "1\ttelegram\t") || !strings.Contains(out, "\tМария\t") {
		t.Fatalf("chats: exit %d, %q, %s", code, out, errOut)
	}
	code, out, errOut = runCmd(t, "send", "--data", dir, "--chat", "1", "--text", "Да, в субботу в 12:00 свободно")
	if code != 0 {
		t.Fatalf("send: exit %d: %s", code, errOut)
	}
	var id inbox.MessageID
	fmt.Sscan(out, &id)

	// serve is stopped shortly after the fake server answered sendMessage; if the stop
	// still beat the recording of the delivery (a loaded machine), the message is still
	// queued and goes again at the next start (the outbox sends at least once), so allow
	// a few rounds.
	state := inbox.Queued
	for round := 0; round < 3 && state == inbox.Queued; round++ {
		stop = startServe(t, dir)
		waitFor(t, api.sent, "sendMessage", func(text string) bool { return text == "Да, в субботу в 12:00 свободно" })
		time.Sleep(time.Duration(round+1) * 500 * time.Millisecond)
		stop()
		readStore(t, dir, func(tx inbox.ReadTx) error {
			m, err := tx.Message(id)
			if err == nil && m.Delivery != nil {
				state = m.Delivery.State
			}
			return err
		})
	}
	if state != inbox.Sent {
		t.Errorf("message %d is %v after serve sent it; want sent", id, state)
	}
}
