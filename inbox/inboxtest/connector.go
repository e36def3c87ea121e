package inboxtest

import (
	"context"
	"strconv"
	"sync"

	"salonchat/inbox"
)

// Connector is a fake inbox.Connector: tests push inbound messages through Deliver and
// decide what Send answers with SendFunc. It records every message it was asked to send.
type Connector struct {
	mu       sync.Mutex
	sink     inbox.Sink
	sent     []inbox.Outbound
	running  chan struct{}
	SendFunc func(inbox.Outbound) (inbox.ExternalID, error)
	// SendContextFunc, when set, answers instead of SendFunc and sees Send's context (a
	// test of what happens to a send in flight).
	SendContextFunc func(context.Context, inbox.Outbound) (inbox.ExternalID, error)
	Lim             inbox.Limits
	// RunErr, when set, makes Run return it at once (settings unusable).
	RunErr error
}

var _ inbox.Connector = (*Connector)(nil)

// NewConnector returns a fake whose sends succeed with ids "out-1", "out-2", ….
func NewConnector() *Connector { return &Connector{running: make(chan struct{})} }

// Run reports ok and waits for ctx.
func (c *Connector) Run(ctx context.Context, sink inbox.Sink) error {
	if c.RunErr != nil {
		return c.RunErr
	}
	c.mu.Lock()
	c.sink = sink
	select {
	case <-c.running:
	default:
		close(c.running)
	}
	c.mu.Unlock()
	sink.SetHealth(inbox.Health{State: inbox.HealthOK})
	<-ctx.Done()
	return nil
}

// Running is closed once Run has started.
func (c *Connector) Running() <-chan struct{} { return c.running }

// Deliver hands an inbound message to the sink, as a network would.
func (c *Connector) Deliver(in inbox.Inbound) (inbox.ReceiveResult, error) {
	c.mu.Lock()
	sink := c.sink
	c.mu.Unlock()
	return sink.Receive(in)
}

// Sink is the sink Run was given (nil before Run).
func (c *Connector) Sink() inbox.Sink {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sink
}

// Send records the message and answers with SendFunc, or a fresh id.
func (c *Connector) Send(ctx context.Context, m inbox.Outbound) (inbox.ExternalID, error) {
	c.mu.Lock()
	c.sent = append(c.sent, m)
	n, f, fc := len(c.sent), c.SendFunc, c.SendContextFunc
	c.mu.Unlock()
	if fc != nil {
		return fc(ctx, m)
	}
	if f != nil {
		return f(m)
	}
	return inbox.ExternalID("out-" + strconv.Itoa(n)), nil
}

// Sent returns what Send was asked to send, in order.
func (c *Connector) Sent() []inbox.Outbound {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]inbox.Outbound(nil), c.sent...)
}

// Limits returns Lim.
func (c *Connector) Limits() inbox.Limits { return c.Lim }
