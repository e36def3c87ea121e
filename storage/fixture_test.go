package storage_test

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"salonchat/demo"
	"salonchat/inbox"
	"salonchat/storage"
)

// The benchmarks share one generated store of PERFORMANCE.md's shape (100 000 chats,
// 1 000 000 messages; SALONCHAT_BENCH_CHATS and SALONCHAT_BENCH_MESSAGES override). It
// is built once, by demo.Scale through Store.BulkLoad, and cached between runs under
// os.TempDir()/salonchat-bench/ in a file named by its shape, seed and fixtureVersion;
// delete the folder (or bump fixtureVersion when demo.Scale or the layout changes) to
// rebuild. Read benchmarks open the cached file; write benchmarks work on a copy.

// fixtureVersion names the generator and layout the cached file was built with (2:
// demo.Scale compacts after loading; 3: compaction leaves room in pages; 5: schema 4,
// messages, network ids and dialogs in their chat's range, one act entry per dialog).
const fixtureVersion = 5

const benchSeed = 20260115

type fixture struct {
	Path    string
	Chats   int
	Msgs    int
	Biggest inbox.ChatID // the chat with the most messages
	Size    int          // its message count
	Phone   string       // a full phone number of some chat
	Build   time.Duration
}

var (
	fixtureOnce sync.Once
	fixtureVal  fixture
	fixtureErr  error
)

func benchFixture(b *testing.B) fixture {
	b.Helper()
	fixtureOnce.Do(func() { fixtureVal, fixtureErr = loadFixture() })
	if fixtureErr != nil {
		b.Fatal(fixtureErr)
	}
	return fixtureVal
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func loadFixture() (fixture, error) {
	f := fixture{Chats: envInt("SALONCHAT_BENCH_CHATS", 100_000), Msgs: envInt("SALONCHAT_BENCH_MESSAGES", 1_000_000)}
	dir := filepath.Join(os.TempDir(), "salonchat-bench")
	name := fmt.Sprintf("scale-c%d-m%d-s%d-v%d", f.Chats, f.Msgs, benchSeed, fixtureVersion)
	f.Path = filepath.Join(dir, name+".db")
	meta := filepath.Join(dir, name+".json")
	if raw, err := os.ReadFile(meta); err == nil && json.Unmarshal(raw, &f) == nil {
		if _, err := os.Stat(f.Path); err == nil {
			// A file cached by an older schema is migrated by its first Open: do that
			// here, so that no benchmark times it.
			s, err := storage.Open(f.Path)
			if err != nil {
				return f, err
			}
			return f, s.Close()
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return f, err
	}
	if err := buildFixture(&f); err != nil {
		return f, err
	}
	raw, _ := json.MarshalIndent(f, "", "  ")
	return f, os.WriteFile(meta, raw, 0o644)
}

// buildFixture generates the store into a temporary name and renames it when complete,
// so an interrupted build never leaves a file that looks cached.
func buildFixture(f *fixture) error {
	tmp := f.Path + ".building"
	os.Remove(tmp)
	start := time.Now()
	s, err := storage.Open(tmp)
	if err != nil {
		return err
	}
	if err := demo.Scale(s, f.Chats, f.Msgs, benchSeed); err != nil {
		s.Close()
		return err
	}
	f.Build = time.Since(start)
	err = s.View(func(tx inbox.ReadTx) error {
		return tx.WalkChats(func(c inbox.Chat) error {
			if f.Phone == "" && c.Phone != "" && c.ID > inbox.ChatID(f.Chats/2) {
				f.Phone = c.Phone
			}
			n := 0
			if err := tx.WalkMessages(c.ID, func(inbox.Message) error { n++; return nil }); err != nil {
				return err
			}
			if n > f.Size {
				f.Biggest, f.Size = c.ID, n
			}
			return nil
		})
	})
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp, f.Path)
}

var (
	copyOnce sync.Once
	copyPath string
	copyErr  error
)

// writableCopy copies the fixture once per process for the write benchmarks, which
// must not change the cached file.
func writableCopy(b *testing.B) (fixture, string) {
	f := benchFixture(b)
	copyOnce.Do(func() {
		dir, err := os.MkdirTemp("", "salonchat-bench-w")
		if err != nil {
			copyErr = err
			return
		}
		copyPath = filepath.Join(dir, "salonchat.db")
		copyErr = copyFile(f.Path, copyPath)
	})
	if copyErr != nil {
		b.Fatal(copyErr)
	}
	return f, copyPath
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	// Sync, or the first commit of a write benchmark would flush the whole copy.
	if _, err := io.Copy(out, in); err != nil || out.Sync() != nil {
		out.Close()
		return fmt.Errorf("copy %s: %v", from, err)
	}
	return out.Close()
}
