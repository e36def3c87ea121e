package whatsapp

import "sync"

// queue is the session's work list: whatsmeow's event handler appends without blocking,
// one worker goroutine runs the jobs in order. It has no bound, so a burst of receipts
// never makes the handler wait.
type queue struct {
	mu     sync.Mutex
	jobs   []func()
	closed bool
	wake   chan struct{}
	done   chan struct{}
}

func newQueue() *queue {
	return &queue{wake: make(chan struct{}, 1), done: make(chan struct{})}
}

// push appends a job; it reports false when the queue is closed (the job will not run).
func (q *queue) push(job func()) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return false
	}
	q.jobs = append(q.jobs, job)
	select {
	case q.wake <- struct{}{}:
	default:
	}
	return true
}

// run is the worker: it runs jobs until the queue is closed and empty.
func (q *queue) run() {
	defer close(q.done)
	for {
		q.mu.Lock()
		jobs, closed := q.jobs, q.closed
		q.jobs = nil
		q.mu.Unlock()
		for _, j := range jobs {
			j()
		}
		if closed && len(jobs) == 0 {
			return
		}
		if len(jobs) == 0 {
			<-q.wake
		}
	}
}

// close stops new jobs, lets the worker finish the queued ones and waits for it.
func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
	<-q.done
}
