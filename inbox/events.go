package inbox

import "sync"

// EventKind says what changed.
type EventKind int

const (
	EventMessage        EventKind = iota + 1 // a message was stored (Message, Chat, Dialog set)
	EventMessageUpdated                      // delivery or revision changed (Message, Chat)
	EventDialog                              // a dialog's status, assignee or flags changed
	EventChat                                // a chat's name, phone or client changed
	EventClient                              // a client or its visits, tasks, leads changed
	EventAccount                             // an account was added or its health changed
	EventSettings                            // operators, templates or salon details changed
	EventLead                                // a lead was created or changed (Lead, and Client if any)
)

// Event tells subscribers what changed; they read the new state from the Service.
type Event struct {
	Kind    EventKind
	Chat    ChatID
	Dialog  DialogID
	Message MessageID
	Account AccountID
	Client  ClientID
	Lead    LeadID
	// Inbound is true for an EventMessage that came from a client (for notifications).
	Inbound bool
}

// Subscription receives the Service's events. Publishing never blocks: when a subscriber
// falls behind by more than its buffer, events are dropped and Missed is signalled, and
// the subscriber should reload everything it shows.
type Subscription struct {
	events chan Event
	missed chan struct{}
	bus    *bus
}

// Events delivers events in the order they were published.
func (s *Subscription) Events() <-chan Event { return s.events }

// Missed is signalled (once per overflow) when events were dropped.
func (s *Subscription) Missed() <-chan struct{} { return s.missed }

// Close stops delivery. The channels are not closed, so a reader selecting on them
// with its own stop signal is never woken by a zero value.
func (s *Subscription) Close() { s.bus.remove(s) }

type bus struct {
	mu   sync.Mutex
	subs map[*Subscription]struct{}
}

func (b *bus) subscribe(buf int) *Subscription {
	s := &Subscription{events: make(chan Event, buf), missed: make(chan struct{}, 1), bus: b}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.subs == nil {
		b.subs = make(map[*Subscription]struct{})
	}
	b.subs[s] = struct{}{}
	return s
}

func (b *bus) remove(s *Subscription) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.subs, s)
}

func (b *bus) publish(evs ...Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for s := range b.subs {
		for _, e := range evs {
			select {
			case s.events <- e:
			default:
				select {
				case s.missed <- struct{}{}:
				default:
				}
			}
		}
	}
}
