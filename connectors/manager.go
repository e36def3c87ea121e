package connectors

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"sync"
	"time"

	"salonchat/inbox"
)

// Factory builds the connector of one account from its settings.
type Factory func(acc inbox.Account) (inbox.Connector, error)

// Manager runs every enabled account's connector and the outbox.
type Manager struct {
	svc      *inbox.Service
	networks Registry
	log      *slog.Logger

	mu      sync.Mutex
	running map[inbox.AccountID]*runner

	ctx       context.Context
	cancel    context.CancelFunc
	wg        sync.WaitGroup
	outbox    *outbox
	retryBase time.Duration
}

// Option configures a Manager.
type Option func(*Manager)

// WithRetryBase sets the first delay after a temporary send failure (it doubles up to
// five minutes); tests shorten it.
func WithRetryBase(d time.Duration) Option { return func(m *Manager) { m.retryBase = d } }

// runner is one account's connector and the goroutine running it.
type runner struct {
	conn     inbox.Connector
	settings map[string]string
	cancel   context.CancelFunc
	done     chan struct{}
}

// NewManager returns a Manager; Start starts it.
func NewManager(svc *inbox.Service, networks Registry, log *slog.Logger, opts ...Option) *Manager {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := &Manager{svc: svc, networks: networks, log: log, running: map[inbox.AccountID]*runner{}, retryBase: firstRetry}
	for _, o := range opts {
		o(m)
	}
	return m
}

// Start runs the connectors of every enabled account and the outbox, and follows account
// changes (a new account starts receiving at once). It returns at once; Close stops all.
func (m *Manager) Start(ctx context.Context) error {
	m.ctx, m.cancel = context.WithCancel(ctx)
	sub := m.svc.Subscribe(256)
	m.outbox = newOutbox(m.svc, m.connector, m.log)
	m.outbox.first = m.retryBase
	if err := m.sync(); err != nil {
		sub.Close()
		m.cancel()
		return err
	}
	m.wg.Add(2)
	go func() { defer m.wg.Done(); m.outbox.run(m.ctx) }()
	go func() { defer m.wg.Done(); defer sub.Close(); m.follow(sub) }()
	return nil
}

// Close stops every connector and the outbox, and waits for them.
func (m *Manager) Close() {
	if m.cancel == nil {
		return
	}
	m.cancel()
	m.wg.Wait()
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, r := range m.running {
		r.cancel()
		<-r.done
		delete(m.running, id)
	}
}

// follow reacts to account changes and wakes the outbox when there is something to send.
func (m *Manager) follow(sub *inbox.Subscription) {
	for {
		select {
		case <-m.ctx.Done():
			return
		case ev := <-sub.Events():
			switch {
			case ev.Kind == inbox.EventAccount:
				if err := m.sync(); err != nil {
					m.log.Error("sync accounts", "err", err)
				}
				m.outbox.wake()
			case ev.Kind == inbox.EventMessage && !ev.Inbound, ev.Kind == inbox.EventMessageUpdated:
				m.outbox.wake()
			}
		case <-sub.Missed():
			if err := m.sync(); err != nil {
				m.log.Error("sync accounts", "err", err)
			}
			m.outbox.wake()
		}
	}
}

// sync starts, restarts and stops connectors to match the accounts in the store.
func (m *Manager) sync() error {
	accounts, err := m.svc.Accounts()
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, a := range accounts {
		r := m.running[a.ID]
		switch {
		case a.Disabled && r != nil:
			m.stop(a.ID, r)
		case a.Disabled:
		case r == nil:
			m.start(a)
		case !maps.Equal(r.settings, a.Settings):
			m.stop(a.ID, r)
			m.start(a)
		}
	}
	return nil
}

// start builds and runs an account's connector. A connector that cannot be built or
// whose Run gives up marks the account broken; it is tried again when its settings
// change.
func (m *Manager) start(a inbox.Account) {
	n, ok := m.networks[a.Network]
	if !ok || n.New == nil {
		m.setHealth(a.ID, inbox.Health{State: inbox.HealthError, Reason: "health.network_unsupported"})
		return
	}
	conn, err := n.New(a)
	if err != nil {
		m.setHealth(a.ID, brokenHealth(err))
		return
	}
	ctx, cancel := context.WithCancel(m.ctx)
	r := &runner{conn: conn, settings: maps.Clone(a.Settings), cancel: cancel, done: make(chan struct{})}
	m.running[a.ID] = r
	log := m.log.With("network", string(a.Network), "account", a.ID)
	go func() {
		defer close(r.done)
		if err := conn.Run(ctx, &sink{svc: m.svc, account: a.ID, log: log}); err != nil && ctx.Err() == nil {
			log.Error("connector stopped", "err", err)
			m.setHealth(a.ID, brokenHealth(err))
		}
	}()
}

func (m *Manager) stop(id inbox.AccountID, r *runner) {
	r.cancel()
	<-r.done
	delete(m.running, id)
}

// connector returns the running connector of an account.
func (m *Manager) connector(id inbox.AccountID) (inbox.Connector, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.running[id]
	if !ok {
		return nil, false
	}
	return r.conn, true
}

func (m *Manager) setHealth(id inbox.AccountID, h inbox.Health) {
	if err := m.svc.SetHealth(id, h); err != nil {
		m.log.Error("set health", "account", id, "err", err)
	}
}

// brokenHealth turns a connector's fatal error into the "!" state with its reason.
func brokenHealth(err error) inbox.Health {
	key, _ := inbox.ErrorKey(err)
	if key == "error.internal" {
		key = "health.unknown"
	}
	return inbox.Health{State: inbox.HealthError, Reason: key, Detail: err.Error()}
}

var (
	_ inbox.ConsentSink  = (*sink)(nil)
	_ inbox.BusinessSink = (*sink)(nil)
)

// sink binds a connector's deliveries to its account.
type sink struct {
	svc     *inbox.Service
	account inbox.AccountID
	log     *slog.Logger
}

func (s *sink) Receive(in inbox.Inbound) (inbox.ReceiveResult, error) {
	in.Account = s.account
	r, err := s.svc.Receive(in)
	if err != nil {
		return r, fmt.Errorf("account %d: %w", s.account, err)
	}
	return r, nil
}

func (s *sink) SetHealth(h inbox.Health) {
	if err := s.svc.SetHealth(s.account, h); err != nil {
		s.log.Error("set health", "err", err)
	}
}

// Consent notes a client's permission or refusal of the account's messages.
func (s *sink) Consent(peer inbox.PeerID, allowed bool, key inbox.ExternalID, at time.Time) error {
	if err := s.svc.NoteConsent(s.account, peer, allowed, key, at); err != nil {
		return fmt.Errorf("account %d: %w", s.account, err)
	}
	return nil
}

// SetConnection stores a business connection of the account.
func (s *sink) SetConnection(c inbox.Connection) error {
	c.Account = s.account
	if err := s.svc.SetConnection(c); err != nil {
		return fmt.Errorf("account %d: %w", s.account, err)
	}
	return nil
}

// Connections lists the account's business connections.
func (s *sink) Connections() ([]inbox.Connection, error) { return s.svc.Connections(s.account) }

// Deleted marks messages of a chat of the account deleted on the network's side.
func (s *sink) Deleted(peer inbox.PeerID, ids []inbox.ExternalID, at time.Time) error {
	if err := s.svc.MarkDeleted(s.account, peer, ids, at); err != nil {
		return fmt.Errorf("account %d: %w", s.account, err)
	}
	return nil
}

func (s *sink) Receipt(peer inbox.PeerID, ext inbox.ExternalID, state inbox.DeliveryState) {
	if err := s.svc.Receipt(s.account, peer, ext, state); err != nil {
		s.log.Error("receipt", "err", err)
	}
}

// NumberChecker returns the running connector of an account when it can tell whether a
// phone number is on its network (WhatsApp), for starting a conversation by phone.
func (m *Manager) NumberChecker(id inbox.AccountID) (inbox.NumberChecker, bool) {
	conn, ok := m.connector(id)
	if !ok {
		return nil, false
	}
	c, ok := conn.(inbox.NumberChecker)
	return c, ok
}
