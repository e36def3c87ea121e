package storage

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"salonchat/inbox"
)

// TestBatch_GroupsQueuedCallers holds one Batch transaction open while others queue,
// then checks that the queued ones commit together in the next transaction, that one
// failing fn among them gets its own error and leaves nothing, and that the others'
// writes are all there.
func TestBatch_GroupsQueuedCallers(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "salonchat.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	release := make(chan struct{})
	var once sync.Once
	first := make(chan error, 1)
	go func() {
		first <- s.Batch(func(tx inbox.Tx) error {
			once.Do(func() { <-release })
			return tx.PutOperator(&inbox.Operator{Name: "первая"})
		})
	}()
	waitQueue(t, s, 0) // the first caller leads and runs
	const n = 10
	bad := errors.New("отказ")
	errs := make([]error, n)
	txIDs := make([]int, n) // the transaction of each caller's last run
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.Batch(func(itx inbox.Tx) error {
				txIDs[i] = itx.(*tx).b.ID()
				if err := itx.PutOperator(&inbox.Operator{Name: fmt.Sprint("оператор ", i)}); err != nil {
					return err
				}
				if i == 3 {
					return bad
				}
				return nil
			})
		}()
	}
	waitQueue(t, s, n)
	close(release)
	wg.Wait()
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	for i, err := range errs {
		if want := error(nil); i == 3 {
			if !errors.Is(err, bad) {
				t.Errorf("failing caller got %v; want its own error", err)
			}
		} else if err != want {
			t.Errorf("caller %d: %v", i, err)
		}
	}
	// The nine that succeed committed in one transaction (the group's rerun without the
	// failing fn), not one each.
	for i, id := range txIDs {
		if i != 3 && id != txIDs[0] {
			t.Errorf("callers committed in transactions %v; want the nine in one", txIDs)
			break
		}
	}
	var ops []inbox.Operator
	if err := s.View(func(tx inbox.ReadTx) error { ops, err = tx.Operators(); return err }); err != nil {
		t.Fatal(err)
	}
	if len(ops) != n { // the first, and nine of the ten
		t.Errorf("%d operators stored; want %d: %v", len(ops), n, ops)
	}
	for _, o := range ops {
		if o.Name == "оператор 3" {
			t.Errorf("the failing fn's operator was stored")
		}
	}
}

// waitQueue waits until n callers wait behind the running group.
func waitQueue(t *testing.T, s *Store, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.group.mu.Lock()
		q, leading := len(s.group.queue), s.group.leading
		s.group.mu.Unlock()
		if leading && q == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue %d, leading %v; want %d queued behind a running group", q, leading, n)
		}
		time.Sleep(time.Millisecond)
	}
}
