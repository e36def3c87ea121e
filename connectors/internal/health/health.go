// Package health passes a connection's health to the inbox for every connector, once per
// change: retries with the same trouble do not write to the store again and again.
package health

import (
	"log/slog"
	"sync"
	"time"

	"salonchat/inbox"
)

// Reporter passes health changes to a sink, once per change of state or reason. Its
// methods are safe for concurrent use (Run and Send report from different goroutines).
type Reporter struct {
	mu    sync.Mutex
	log   *slog.Logger
	sink  inbox.Sink
	cur   inbox.Health
	known bool
}

// NewReporter returns a reporter that logs each change to log.
func NewReporter(log *slog.Logger) *Reporter { return &Reporter{log: log} }

// Bind makes s the sink of the reports (the sink of the current Run). A new sink hears
// the next report even when it repeats the last one.
func (r *Reporter) Bind(s inbox.Sink) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s != r.sink {
		r.sink, r.known = s, false
	}
}

// Set reports h, dated now, unless its state and reason are those of the last report.
// h.Detail is technical text without secrets. Without a sink the change is only logged.
func (r *Reporter) Set(h inbox.Health) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.setLocked(h)
}

// SetIfBound reports h as Set does, but only once a sink was bound: what Send finds
// before any Run has nowhere to go, and is neither logged nor remembered.
func (r *Reporter) SetIfBound(h inbox.Health) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sink != nil {
		r.setLocked(h)
	}
}

func (r *Reporter) setLocked(h inbox.Health) {
	if r.known && r.cur.State == h.State && r.cur.Reason == h.Reason {
		return
	}
	h.Since = time.Now().UTC()
	r.cur, r.known = h, true
	r.log.Info("health", "state", int(h.State), "reason", h.Reason, "detail", h.Detail)
	if r.sink != nil {
		r.sink.SetHealth(h)
	}
}
