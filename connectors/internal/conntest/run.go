package conntest

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"salonchat/inbox"
)

// Run starts c.Run with sink; stop cancels it and returns Run's error; done receives
// Run's error when it returns by itself. The test fails if Run does not return within
// `within` after its context ended, at stop or at the test's end.
func Run(t testing.TB, c inbox.Connector, sink inbox.Sink, within time.Duration) (stop func() error, done <-chan error) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan error, 1)
	finished := make(chan struct{})
	var err error
	go func() {
		err = c.Run(ctx, sink)
		close(finished)
		ch <- err
	}()
	stop = func() error {
		cancel()
		select {
		case <-finished:
		case <-time.After(within):
			t.Fatal("Run did not return after its context ended")
		}
		return err
	}
	t.Cleanup(func() { stop() })
	return stop, ch
}

// RunInterrupted runs c once and stops it twice in the middle of a backlog: the sink
// refuses the refuseAt-th message it is given (a full disk), and the run's context ends
// at the cancelAt-th (the program shut down while a batch is being stored). It returns
// when Run did, failing the test if Run returned an error or nothing was refused. The
// sink refuses nothing afterwards.
func RunInterrupted(t testing.TB, c inbox.Connector, s *Sink, refuseAt, cancelAt int64) {
	t.Helper()
	var calls atomic.Int64
	var refused atomic.Bool
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.SetFail(func(in inbox.Inbound) error {
		n := calls.Add(1)
		if n == refuseAt && refused.CompareAndSwap(false, true) {
			return errors.New("disk full")
		}
		if n == cancelAt {
			cancel() // shutdown while the batch is being stored
		}
		return nil
	})
	defer s.SetFail(nil)
	if err := c.Run(ctx, s); err != nil {
		t.Fatalf("first Run = %v", err)
	}
	if !refused.Load() {
		t.Fatal("the store never refused a message")
	}
}

// WaitFor polls cond until it holds, or fails the test after d.
func WaitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
