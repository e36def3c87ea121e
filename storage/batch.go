package storage

import (
	"errors"
	"fmt"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

// groupCommit shares one durable transaction among the Batch callers that arrive while
// another transaction commits. bbolt's own DB.Batch waits MaxBatchDelay for company
// before it commits, so a caller alone, such as a connector storing a backlog one
// message at a time, waited 2 ms per message on top of its commit. Here whoever finds
// no commit running leads: it commits everyone queued, and those who arrive meanwhile
// go together in the next transaction, led by the first of them.
//
// Draining alone splits many producers into uneven groups (the one who came back first
// commits nearly alone while the rest queue behind it), and each commit costs two
// fsyncs and the upper pages of every tree. So a leader waits, at most batchDelay, until
// as many callers queue as its previous group had: as many producers as there are come
// back, and a lone caller (previous group of one) never waits.
type groupCommit struct {
	mu      sync.Mutex
	queue   []*batchCall
	leading bool // a caller is running a group's transaction
	last    int  // the size of the previous group
	// want and full wake a waiting leader when the queue reaches want callers.
	want int
	full chan struct{}
}

type batchCall struct {
	fn   func(inbox.Tx) error
	done chan error // one of: errLead, errSolo, or the group's outcome
}

var (
	// errLead tells a queued caller that it runs the next group.
	errLead = errors.New("lead the next group")
	// errSolo tells a caller that its fn failed inside a group: it runs alone, so that its
	// error is its own and the others commit without it.
	errSolo = errors.New("run alone")
)

// Batch runs fn in a durable transaction shared with concurrent callers (group commit).
// fn may run more than once, so it must have no effect outside the Tx. When fn fails,
// the group commits without it and fn runs again alone, so the error returned is fn's.
func (s *Store) Batch(fn func(inbox.Tx) error) error {
	c := &batchCall{fn: fn, done: make(chan error, 1)}
	g := &s.group
	g.mu.Lock()
	g.queue = append(g.queue, c)
	lead := !g.leading
	g.leading = true
	if g.want > 0 && len(g.queue) >= g.want {
		close(g.full)
		g.want = 0
	}
	g.mu.Unlock()
	var err error
	if !lead {
		err = <-c.done
	}
	if lead || err == errLead {
		s.lead()
		err = <-c.done
	}
	if err == errSolo {
		return s.Update(fn)
	}
	return err
}

// lead commits the queued calls (at most batchSize, the leader's own first) in one
// transaction, after waiting for as many as last time, and hands the lead to the first
// caller still queued.
func (s *Store) lead() {
	g := &s.group
	g.mu.Lock()
	if want := min(g.last, s.cfg.batchSize); len(g.queue) < want && s.cfg.batchDelay > 0 {
		full := make(chan struct{})
		g.want, g.full = want, full
		g.mu.Unlock()
		wait := time.NewTimer(s.cfg.batchDelay)
		select {
		case <-full:
		case <-wait.C:
		}
		wait.Stop()
		g.mu.Lock()
		g.want = 0
	}
	n := min(len(g.queue), s.cfg.batchSize)
	g.last = n
	calls := g.queue[:n:n]
	g.queue = append([]*batchCall(nil), g.queue[n:]...)
	g.mu.Unlock()

	s.commitGroup(calls)

	g.mu.Lock()
	if len(g.queue) > 0 {
		g.queue[0].done <- errLead
	} else {
		g.leading = false
	}
	g.mu.Unlock()
}

// commitGroup runs every call's fn in one transaction, through one tx (so the calls
// share bucket handles and cursors). A failing fn is taken out and told to run alone,
// and the others run again without it.
func (s *Store) commitGroup(calls []*batchCall) {
	for len(calls) > 0 {
		failed := -1
		err := s.db.Update(func(btx *bolt.Tx) error {
			t := newTx(btx)
			for i, c := range calls {
				if err := safely(c.fn, t); err != nil {
					failed = i
					return err
				}
			}
			return nil
		})
		if failed >= 0 {
			calls[failed].done <- errSolo
			calls = append(calls[:failed:failed], calls[failed+1:]...)
			continue
		}
		for _, c := range calls {
			c.done <- err
		}
		return
	}
}

// safely runs fn, turning a panic into an error: the group goes on without that call,
// whose solo run then panics in its own caller.
func safely(fn func(inbox.Tx) error, t *tx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return fn(t)
}
