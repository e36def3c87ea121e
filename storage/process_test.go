package storage_test

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"salonchat/inbox"
	"salonchat/storage"
)

// Tests that need a second process re-execute the test binary with helperEnv set to the
// helper's name: bbolt's lock is per open file, and a crash must kill a real process.
const (
	helperEnv = "SALONCHAT_STORAGE_HELPER"
	pathEnv   = "SALONCHAT_STORAGE_PATH"
)

func TestMain(m *testing.M) {
	switch os.Getenv(helperEnv) {
	case "":
		code := m.Run()
		if copyPath != "" {
			os.RemoveAll(filepath.Dir(copyPath)) // the benchmarks' writable copy
		}
		os.Exit(code)
	case "open":
		helperOpen(os.Getenv(pathEnv))
	case "burst":
		helperBurst(os.Getenv(pathEnv))
	default:
		fmt.Fprintln(os.Stderr, "unknown helper", os.Getenv(helperEnv))
		os.Exit(2)
	}
	os.Exit(0)
}

// helperOpen tries to open the store and reports how that went on stdout.
func helperOpen(path string) {
	start := time.Now()
	s, err := storage.Open(path)
	if err == nil {
		s.Close()
	}
	fmt.Printf("inuse=%v ms=%d err=%v\n", errors.Is(err, inbox.ErrInUse), time.Since(start).Milliseconds(), err)
}

// helperBurst receives messages from 8 goroutines through Batch until it is killed
// (or for 30 s at most) and prints the id of each message once its commit returned.
func helperBurst(path string) {
	s, err := storage.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var c inbox.Chat
	if err := s.Update(func(tx inbox.Tx) error {
		c = inbox.Chat{Account: 1, Network: inbox.WhatsApp, Peer: "burst", Name: "Поток"}
		return tx.PutChat(&c)
	}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var out sync.Mutex
	deadline := time.Now().Add(30 * time.Second)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := 0; time.Now().Before(deadline); i++ {
				var id inbox.MessageID
				err := s.Batch(func(tx inbox.Tx) error {
					m := inbox.Message{Chat: c.ID, Direction: inbox.DirInbound, At: time.Now().UTC(),
						ExternalID: inbox.ExternalID(fmt.Sprintf("w%d-%d", w, i)), Text: strings.Repeat("сообщение ", 10)}
					if err := tx.AppendMessage(&m); err != nil {
						return err
					}
					id = m.ID
					return nil
				})
				if err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
				out.Lock()
				fmt.Fprintln(os.Stdout, id) // one write per line: atomic on a pipe
				out.Unlock()
			}
		})
	}
	wg.Wait()
}

func helperCmd(t *testing.T, name, path string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+name, pathEnv+"="+path)
	cmd.Stderr = os.Stderr
	return cmd
}

func TestOpen_SecondProcessInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "salonchat.db")
	s, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out, err := helperCmd(t, "open", path).Output()
	if err != nil {
		t.Fatalf("helper: %v", err)
	}
	var inUse bool
	var ms int64
	if _, err := fmt.Sscanf(string(out), "inuse=%t ms=%d", &inUse, &ms); err != nil {
		t.Fatalf("helper said %q: %v", out, err)
	}
	if !inUse || ms > 2000 {
		t.Errorf("second open in another process: %s; want an error wrapping ErrInUse within 2 s", strings.TrimSpace(string(out)))
	}
}

func TestCrash_AcknowledgedMessagesSurvive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "salonchat.db")
	cmd := helperCmd(t, "burst", path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked []inbox.MessageID
	sc := bufio.NewScanner(stdout)
	killed := false
	for sc.Scan() {
		id, err := strconv.ParseUint(sc.Text(), 10, 64)
		if err != nil {
			t.Fatalf("helper printed %q", sc.Text())
		}
		acked = append(acked, inbox.MessageID(id))
		if len(acked) == 500 && !killed {
			// SIGKILL mid-burst: no deferred code, no Close. Lines already in the pipe
			// were acknowledged before the kill and are read on.
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	_ = cmd.Wait()
	if !killed {
		t.Fatalf("helper ended after %d messages without being killed", len(acked))
	}
	s, err := storage.Open(path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatalf("bbolt check after kill: %v", err)
	}
	err = s.View(func(tx inbox.ReadTx) error {
		for _, id := range acked {
			if _, err := tx.Message(id); err != nil {
				t.Errorf("acknowledged message %d lost: %v", id, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d acknowledged messages, all present after SIGKILL", len(acked))
}
