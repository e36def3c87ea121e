package inbox

import (
	"context"
	"log/slog"
	"time"
)

// Service is the one entry point to the domain: the UI and the connectors call it, it
// applies the rules in one Store transaction per action, and publishes what changed.
type Service struct {
	store  Store
	clock  Clock
	log    *slog.Logger
	bus    bus
	limits func(Account) Limits
}

// Option configures a Service.
type Option func(*Service)

// WithClock makes the Service read time from c (tests pass a fake).
func WithClock(c Clock) Option { return func(s *Service) { s.clock = c } }

// WithLogger sets the Service's logger.
func WithLogger(l *slog.Logger) Option { return func(s *Service) { s.log = l } }

// WithLimits tells the Service each account's network limits, so that a message its
// network would refuse is refused before it is queued.
func WithLimits(f func(Account) Limits) Option { return func(s *Service) { s.limits = f } }

// NewService returns a Service over store.
func NewService(store Store, opts ...Option) *Service {
	s := &Service{store: store, clock: SystemClock{}, log: slog.New(slog.DiscardHandler),
		limits: func(Account) Limits { return Limits{} }}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Store returns the store the Service writes to (for export and maintenance).
func (s *Service) Store() Store { return s.store }

// Now is the Service's current time, in UTC.
func (s *Service) Now() time.Time { return s.clock.Now().UTC() }

// Subscribe starts delivering events; buf is how many may wait unread before the
// subscriber is told it missed some.
func (s *Service) Subscribe(buf int) *Subscription { return s.bus.subscribe(buf) }

// Run returns postponed dialogs to open when their time comes, checking every interval,
// until ctx ends. It blocks.
func (s *Service) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.ReturnDue(); err != nil {
			s.log.Error("return postponed dialogs", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// update runs fn in one durable transaction and publishes its events after the commit,
// so that nobody hears of a change that could still be rolled back.
func (s *Service) update(fn func(tx Tx, ev *events) error) error {
	var ev events
	err := s.store.Update(func(tx Tx) error {
		ev = events{}
		return fn(tx, &ev)
	})
	if err != nil {
		return err
	}
	s.bus.publish(ev...)
	return nil
}

// events collects what a transaction changed.
type events []Event

func (e *events) add(ev Event) { *e = append(*e, ev) }
