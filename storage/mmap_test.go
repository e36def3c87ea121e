package storage_test

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"salonchat/inbox"
	"salonchat/storage"
)

// TestStore_GrowingFileDoesNotWaitForReaders holds a read transaction open, as a daily
// backup does for seconds, while writes grow the file well past its first mapping. bbolt
// maps a file anew when it outgrows the mapping and that waits for every reader to end;
// the store maps enough address space up front that the writes go on.
func TestStore_GrowingFileDoesNotWaitForReaders(t *testing.T) {
	if runtime.GOOS == "windows" || strconv.IntSize != 64 {
		t.Skip("the mapping is reserved on 64-bit Unix only")
	}
	s, err := storage.Open(filepath.Join(t.TempDir(), "salonchat.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	reading, release := make(chan struct{}), make(chan struct{})
	readDone := make(chan error, 1)
	go func() {
		readDone <- s.View(func(inbox.ReadTx) error {
			close(reading)
			<-release
			return nil
		})
	}()
	<-reading
	wrote := make(chan error, 1)
	go func() {
		// 8 MiB of messages: the file's first mapping (32 KiB) would be replaced 8 times.
		text := strings.Repeat("запись на субботу ", 200)
		wrote <- s.Update(func(tx inbox.Tx) error {
			c := inbox.Chat{Account: 1, Peer: "p"}
			if err := tx.PutChat(&c); err != nil {
				return err
			}
			for i := range 2000 {
				m := inbox.Message{Chat: c.ID, Direction: inbox.DirInbound, Text: text, ExternalID: inbox.ExternalID(fmt.Sprint(i))}
				if err := tx.AppendMessage(&m); err != nil {
					return err
				}
			}
			return nil
		})
	}()
	var werr error
	select {
	case werr = <-wrote:
	case <-time.After(30 * time.Second):
		t.Error("a write that grows the file waited for an open read transaction")
		close(release)
		werr = <-wrote
		release = nil
	}
	if release != nil {
		close(release)
	}
	if err := <-readDone; err != nil {
		t.Fatal(err)
	}
	if werr != nil {
		t.Fatal(werr)
	}
}
