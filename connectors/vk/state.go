package vk

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"salonchat/atomicfile"
	"salonchat/inbox"
)

// state is what the connector keeps in DataDir/state/ besides the store: the long poll
// position (vk-<account>.ts) and the salt of random ids (vk-<account>.salt). Both are
// tiny files written through a temporary file and a rename, so a crash leaves the old
// or the new content, never half of it.
type state struct {
	dir, base string
	group     int

	mu      sync.Mutex
	salt    uint32
	hasSalt bool
}

// tsFile is the content of vk-<account>.ts.
type tsFile struct {
	Group int    `json:"group_id"`
	Ts    string `json:"ts"`
}

func newState(dataDir string, acc inbox.AccountID, group int) *state {
	s := &state{group: group, base: "vk-" + strconv.FormatUint(uint64(acc), 10)}
	if dataDir != "" {
		s.dir = filepath.Join(dataDir, "state")
	}
	return s
}

// loadTs returns the saved long poll position, or "" when there is none for this
// community.
func (s *state) loadTs() (string, error) {
	if s.dir == "" {
		return "", nil
	}
	b, err := os.ReadFile(filepath.Join(s.dir, s.base+".ts"))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	var f tsFile
	if err := json.Unmarshal(b, &f); err != nil {
		return "", fmt.Errorf("%s.ts: %w", s.base, err)
	}
	if f.Group != s.group {
		return "", nil
	}
	return f.Ts, nil
}

// saveTs records the long poll position after everything before it is stored.
func (s *state) saveTs(ts string) error {
	if s.dir == "" || ts == "" {
		return nil
	}
	b, _ := json.Marshal(tsFile{Group: s.group, Ts: ts})
	return atomicfile.WriteBytes(filepath.Join(s.dir, s.base+".ts"), b)
}

// randomSalt returns the account's salt for random ids, making one on first use. Without
// a data folder (tests of Send alone) the salt is 0.
func (s *state) randomSalt() (uint32, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hasSalt || s.dir == "" {
		return s.salt, nil
	}
	p := filepath.Join(s.dir, s.base+".salt")
	b, err := os.ReadFile(p)
	switch {
	case err == nil && len(b) == 4:
		s.salt = binary.BigEndian.Uint32(b)
	case err == nil || errors.Is(err, fs.ErrNotExist):
		var buf [4]byte
		rand.Read(buf[:])
		buf[0] &= 0x7f
		if err := atomicfile.WriteBytes(p, buf[:]); err != nil {
			return 0, err
		}
		s.salt = binary.BigEndian.Uint32(buf[:])
	default:
		return 0, err
	}
	s.hasSalt = true
	return s.salt, nil
}
