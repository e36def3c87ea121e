package connectors

import (
	"context"
	"log/slog"
	"time"

	"salonchat/inbox"
)

// Backoff bounds for temporary send failures.
const (
	firstRetry = 2 * time.Second
	maxRetry   = 5 * time.Minute
	// sendTimeout bounds one Send; WhatsApp waits up to 75 s for the server itself.
	sendTimeout = 2 * time.Minute
	// shutdownGrace is how long quitting waits for a send already in flight.
	shutdownGrace = 10 * time.Second
	// idleCheck is how often the outbox looks at the queue with nothing waking it, so that
	// a message queued by another program on the same store (salonchat send) goes out.
	idleCheck = 30 * time.Second
)

// outbox sends queued messages through their account's connector, in order per chat.
// Temporary failures are retried with backoff; permanent ones mark the message failed
// with the network's reason. The queue is the store's, so a message queued while offline
// or before a restart goes out when the connector is back.
type outbox struct {
	svc     *inbox.Service
	conn    func(inbox.AccountID) (inbox.Connector, bool)
	log     *slog.Logger
	wakeup  chan struct{}
	retries map[inbox.MessageID]retry
	now     func() time.Time
	first   time.Duration // first backoff delay
}

type retry struct {
	attempts int
	next     time.Time
}

func newOutbox(svc *inbox.Service, conn func(inbox.AccountID) (inbox.Connector, bool), log *slog.Logger) *outbox {
	return &outbox{svc: svc, conn: conn, log: log, wakeup: make(chan struct{}, 1),
		retries: map[inbox.MessageID]retry{}, now: time.Now, first: firstRetry}
}

// wake asks the outbox to look at the queue now.
func (o *outbox) wake() {
	select {
	case o.wakeup <- struct{}{}:
	default:
	}
}

func (o *outbox) run(ctx context.Context) {
	for {
		wait := o.drain(ctx)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-o.wakeup:
		case <-t.C:
		}
		t.Stop()
	}
}

// drain sends what can be sent now and returns how long to wait before the next try.
func (o *outbox) drain(ctx context.Context) time.Duration {
	wait := idleCheck
	ids, err := o.svc.Queued()
	if err != nil {
		o.log.Error("outbox: read queue", "err", err)
		return o.first
	}
	held := map[inbox.ChatID]bool{} // a chat whose earlier message waits holds the later ones
	for _, id := range ids {
		if ctx.Err() != nil {
			return wait
		}
		out, err := o.svc.Outbound(id)
		if err != nil {
			o.log.Error("outbox: read message", "message", id, "err", err)
			continue
		}
		if held[out.Chat.ID] {
			continue
		}
		if r, ok := o.retries[id]; ok && r.next.After(o.now()) {
			held[out.Chat.ID] = true
			wait = min(wait, r.next.Sub(o.now()))
			continue
		}
		if !o.sendOne(ctx, out) {
			held[out.Chat.ID] = true
			if r, ok := o.retries[id]; ok {
				wait = min(wait, r.next.Sub(o.now()))
			}
		}
	}
	return max(wait, 10*time.Millisecond)
}

// sendOne sends one message and records the outcome; it reports whether the message
// left the queue (sent or failed for good).
func (o *outbox) sendOne(ctx context.Context, out inbox.Outbound) bool {
	id := out.Message.ID
	conn, ok := o.conn(out.Account.ID)
	if !ok || out.Account.Disabled || out.Account.Health.Broken() {
		return false // waits for the account to be fixed or enabled
	}
	if left, done := o.refused(out); done {
		return left
	}
	ext, err := o.send(ctx, conn, out)
	if err == nil {
		delete(o.retries, id)
		o.record(id, inbox.Delivery{State: inbox.Sent, ExternalID: ext})
		return true
	}
	se := inbox.AsSendError(err)
	if se.Permanent {
		delete(o.retries, id)
		o.log.Warn("outbox: message refused", "message", id, "reason", se.Reason, "err", err)
		o.record(id, inbox.Delivery{State: inbox.Failed, Reason: se.Reason, Detail: se.Error()})
		return true
	}
	r := o.retries[id]
	r.attempts++
	delay := se.RetryAfter
	if delay <= 0 {
		delay = min(maxRetry, o.first<<min(r.attempts-1, 10))
	}
	r.next = o.now().Add(delay)
	o.retries[id] = r
	o.log.Info("outbox: will retry", "message", id, "in", delay, "err", err)
	return false
}

// send hands one message to its connector. A send already on its way when SalonChat
// quits is let finish, for up to shutdownGrace: cut off mid-request, the network may
// have delivered it while the outbox never learns so, and the next start would send it
// again — the client would get the message twice.
func (o *outbox) send(ctx context.Context, conn inbox.Connector, out inbox.Outbound) (inbox.ExternalID, error) {
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	defer cancel()
	stop := context.AfterFunc(ctx, func() {
		t := time.NewTimer(shutdownGrace)
		defer t.Stop()
		select {
		case <-sctx.Done():
		case <-t.C:
			cancel()
		}
	})
	defer stop()
	return conn.Send(sctx, out)
}

func (o *outbox) record(id inbox.MessageID, d inbox.Delivery) {
	if _, err := o.svc.UpdateDelivery(id, d); err != nil {
		o.log.Error("outbox: record delivery", "message", id, "err", err)
	}
}

// refused fails a message that may not go out any more (its business connection was
// disabled or lost the right to reply, or the reply window closed while it waited), with
// the same reason the composer gives: trying again would not help. done is true when the
// outbox should not send it now; left whether it left the queue.
func (o *outbox) refused(out inbox.Outbound) (left, done bool) {
	err := o.svc.CanReply(out.Chat.ID)
	if err == nil {
		return false, false
	}
	key, _ := inbox.ErrorKey(err)
	if key == "error.internal" {
		o.log.Error("outbox: check reply", "message", out.Message.ID, "err", err)
		return false, true // a store error: keep it queued
	}
	delete(o.retries, out.Message.ID)
	o.log.Warn("outbox: reply not allowed", "message", out.Message.ID, "reason", key)
	o.record(out.Message.ID, inbox.Delivery{State: inbox.Failed, Reason: key, Detail: err.Error()})
	return true, true
}
