package health

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"salonchat/inbox"
)

// sink records the healths it is given.
type sink struct {
	mu      sync.Mutex
	healths []inbox.Health
}

func (s *sink) Receive(inbox.Inbound) (inbox.ReceiveResult, error)          { return inbox.ReceiveResult{}, nil }
func (s *sink) Receipt(inbox.PeerID, inbox.ExternalID, inbox.DeliveryState) {}
func (s *sink) SetHealth(h inbox.Health) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.healths = append(s.healths, h)
}

func (s *sink) reasons() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, h := range s.healths {
		out = append(out, h.Reason)
	}
	return strings.Join(out, ",")
}

func TestReporter_OnlyChanges(t *testing.T) {
	var log bytes.Buffer
	r := NewReporter(slog.New(slog.NewTextHandler(&log, nil)))
	s := &sink{}
	r.Bind(s)
	r.Set(inbox.Health{State: inbox.HealthConnecting, Reason: "x.offline", Detail: "dial tcp: refused"})
	r.Set(inbox.Health{State: inbox.HealthConnecting, Reason: "x.offline", Detail: "dial tcp: timeout"})
	r.Set(inbox.Health{State: inbox.HealthConnecting, Reason: "x.server_error"})
	r.Set(inbox.Health{State: inbox.HealthOK})
	r.Set(inbox.Health{State: inbox.HealthOK})
	if got, want := s.reasons(), "x.offline,x.server_error,"; got != want {
		t.Errorf("reported %q; want %q (each change once)", got, want)
	}
	if h := s.healths[0]; h.Detail != "dial tcp: refused" || h.Since.IsZero() || h.Since.Location().String() != "UTC" {
		t.Errorf("first report %+v; want its detail, dated now in UTC", h)
	}
	if n := strings.Count(log.String(), "msg=health"); n != 3 {
		t.Errorf("%d log lines; want one per change:\n%s", n, log.String())
	}
}

func TestReporter_Bind(t *testing.T) {
	r := NewReporter(slog.New(slog.DiscardHandler))
	first, second := &sink{}, &sink{}
	r.Bind(first)
	r.Set(inbox.Health{State: inbox.HealthOK})
	r.Bind(first) // the same sink again: nothing to repeat
	r.Set(inbox.Health{State: inbox.HealthOK})
	r.Bind(second) // a new Run's sink hears the state even though it did not change
	r.Set(inbox.Health{State: inbox.HealthOK})
	if len(first.healths) != 1 || len(second.healths) != 1 {
		t.Errorf("first sink got %d reports, second %d; want 1 each", len(first.healths), len(second.healths))
	}
}

func TestReporter_SetIfBound(t *testing.T) {
	r := NewReporter(slog.New(slog.DiscardHandler))
	r.SetIfBound(inbox.Health{State: inbox.HealthError, Reason: "x.token_invalid"})
	s := &sink{}
	r.Bind(s)
	r.SetIfBound(inbox.Health{State: inbox.HealthError, Reason: "x.token_invalid"})
	if got := s.reasons(); got != "x.token_invalid" {
		t.Errorf("reported %q; want the report made after Bind only", got)
	}
}
