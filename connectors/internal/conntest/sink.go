package conntest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"salonchat/inbox"
)

// Sink is the connectors' manager in miniature: it stores what a connector receives
// through a real inbox.Service and records the healths reported. A fail function, when
// set, can refuse a message before it is stored. Its methods are safe for concurrent
// use.
type Sink struct {
	svc *inbox.Service
	acc inbox.AccountID

	mu      sync.Mutex
	fail    func(in inbox.Inbound) error
	stored  map[string]int // "peer/ext" → times Receive stored it (not as a duplicate)
	healths []inbox.Health
}

var _ inbox.Sink = (*Sink)(nil)

// NewSink returns a sink for an account of svc.
func NewSink(svc *inbox.Service, acc inbox.AccountID) *Sink {
	return &Sink{svc: svc, acc: acc, stored: map[string]int{}}
}

// Receive stores in through the Service, unless the fail function refuses it.
func (s *Sink) Receive(in inbox.Inbound) (inbox.ReceiveResult, error) {
	s.mu.Lock()
	fail := s.fail
	s.mu.Unlock()
	if fail != nil {
		if err := fail(in); err != nil {
			return inbox.ReceiveResult{}, err
		}
	}
	in.Account = s.acc
	res, err := s.svc.Receive(in)
	if err != nil {
		return res, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !res.Duplicate {
		s.stored[string(in.Peer)+"/"+string(in.ExternalID)]++
	}
	return res, nil
}

// Consent notes a consent change through the Service, as the connectors' manager does.
func (s *Sink) Consent(peer inbox.PeerID, allowed bool, key inbox.ExternalID, at time.Time) error {
	return s.svc.NoteConsent(s.acc, peer, allowed, key, at)
}

// SetHealth records h and stores it on the account.
func (s *Sink) SetHealth(h inbox.Health) {
	s.mu.Lock()
	s.healths = append(s.healths, h)
	s.mu.Unlock()
	s.svc.SetHealth(s.acc, h)
}

// Receipt passes a receipt to the Service.
func (s *Sink) Receipt(peer inbox.PeerID, ext inbox.ExternalID, state inbox.DeliveryState) {
	s.svc.Receipt(s.acc, peer, ext, state)
}

// SetFail sets the function that may refuse a message before it is stored (nil: none).
func (s *Sink) SetFail(f func(inbox.Inbound) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = f
}

// IsStored reports whether a message was stored (by any Run).
func (s *Sink) IsStored(peer inbox.PeerID, ext inbox.ExternalID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stored[string(peer)+"/"+string(ext)] > 0
}

// StoredCount is how many distinct messages and edits were stored.
func (s *Sink) StoredCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.stored)
}

// StoredTwice lists what was stored more than once (never, with the store's dedup).
func (s *Sink) StoredTwice() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for k, n := range s.stored {
		if n > 1 {
			out = append(out, k)
		}
	}
	return out
}

// Health is the last health reported; its State is -1 before any report.
func (s *Sink) Health() inbox.Health {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.healths) == 0 {
		return inbox.Health{State: -1}
	}
	return s.healths[len(s.healths)-1]
}

// SawHealth reports whether a health with this state and reason was ever reported.
func (s *Sink) SawHealth(state inbox.HealthState, reason string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range s.healths {
		if h.State == state && h.Reason == reason {
			return true
		}
	}
	return false
}

// WaitHealth waits up to 10 seconds until the last reported health has this state and
// reason.
func (s *Sink) WaitHealth(t testing.TB, state inbox.HealthState, reason string) {
	t.Helper()
	WaitFor(t, 10*time.Second, fmt.Sprintf("health %d %q", state, reason), func() bool {
		h := s.Health()
		return h.State == state && h.Reason == reason
	})
}

// Chat returns the stored chat of a peer.
func (s *Sink) Chat(t testing.TB, peer inbox.PeerID) (inbox.Chat, bool) {
	t.Helper()
	var c inbox.Chat
	var ok bool
	err := s.svc.Store().View(func(tx inbox.ReadTx) error {
		var err error
		c, ok, err = tx.ChatByPeer(s.acc, peer)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, ok
}

// Messages returns every stored message of a peer's chat, in order.
func (s *Sink) Messages(t testing.TB, peer inbox.PeerID) []inbox.Message {
	t.Helper()
	c, ok := s.Chat(t, peer)
	if !ok {
		return nil
	}
	ms, err := s.svc.Messages(c.ID, 0, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// Account is the account as stored (with the health the connector reported).
func (s *Sink) Account(t testing.TB) inbox.Account {
	t.Helper()
	accs, err := s.svc.Accounts()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range accs {
		if a.ID == s.acc {
			return a
		}
	}
	t.Fatalf("account %d not found", s.acc)
	return inbox.Account{}
}
