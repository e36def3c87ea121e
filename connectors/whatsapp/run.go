package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"salonchat/connectors/internal/retry"
	"salonchat/inbox"
)

// ErrRunning is returned by Run when the connector is already running.
var ErrRunning = errors.New("whatsapp connector already running")

// Run connects the linked device and receives until ctx ends (see the package comment
// for when WhatsApp is told a message arrived). It returns nil when ctx ends,
// ErrRunning when the connector already runs, and an *inbox.Error when the account
// cannot go on: whatsapp.logged_out (unlinked on the phone), whatsapp.stream_replaced
// (another program uses the session), whatsapp.client_outdated (SalonChat must be
// updated) or whatsapp.store_failed. The health is then HealthError with that reason.
func (c *Connector) Run(ctx context.Context, sink inbox.Sink) error {
	if c.opts.DataDir == "" {
		return errors.New("whatsapp: Options.DataDir is required")
	}
	if !c.running.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer c.running.Store(false)
	c.health.Bind(sink)
	c.health.Set(inbox.Health{State: inbox.HealthConnecting, Reason: reasonConnecting})
	prepare(ctx, c.opts)
	cli, closeStore, err := c.open()
	if err != nil {
		c.stopHealth(err)
		return err
	}
	defer closeStore()
	s := &session{c: c, cli: cli, sink: sink, log: c.log, q: newQueue(), again: make(chan verdict, 4)}
	return s.run(ctx)
}

// stopHealth reports the error that ends Run as the account's health.
func (c *Connector) stopHealth(err error) {
	key, _ := inbox.ErrorKey(err)
	c.health.Set(inbox.Health{State: inbox.HealthError, Reason: key, Detail: err.Error()})
}

// openDevice opens the account's session store and builds the client of its device.
func (c *Connector) openDevice() (waClient, func(), error) {
	jid, err := linkedJID(c.acc)
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	container, err := openStore(ctx, c.opts.DataDir, c.acc.ID, c.log)
	if err != nil {
		return nil, nil, err
	}
	dev, err := findDevice(ctx, container, jid)
	if err != nil {
		container.Close()
		return nil, nil, err
	}
	cli := newWAClient(whatsmeowClient(dev, c.log))
	return realClient{cli}, func() { container.Close() }, nil
}

// session is one Run: the client, its event handler and the worker behind it.
type session struct {
	c    *Connector
	cli  waClient
	sink inbox.Sink
	log  *slog.Logger
	q    *queue
	ctx  context.Context
	// again receives what the handler learnt about the connection when whatsmeow will
	// not reconnect by itself.
	again chan verdict
}

func (s *session) run(ctx context.Context) error {
	s.ctx = ctx
	go s.q.run()
	defer s.q.close()
	id := s.cli.AddEventHandlerWithSuccessStatus(s.onEvent)
	defer s.cli.RemoveEventHandler(id)
	s.c.setSession(s)
	defer s.c.setSession(nil)
	defer s.cli.Disconnect()
	b := retry.Backoff{Min: s.c.opts.MinBackoff, Max: s.c.opts.MaxBackoff}
	for {
		if err := s.cli.Connect(); err != nil {
			d := b.Next()
			s.log.Warn("connect failed", "retry_in", d, "err", err)
			s.report(inbox.Health{State: inbox.HealthConnecting, Reason: reasonConnecting, Detail: err.Error()})
			if !retry.Sleep(ctx, d) {
				return nil
			}
			continue
		}
		b.Reset()
		select {
		case <-ctx.Done():
			return nil
		case v := <-s.again:
			if v.stop {
				s.cli.Disconnect()
				return &inbox.Error{Code: inbox.CodeUnavailable, Key: v.health.Reason, Err: errors.New(v.health.Detail)}
			}
			s.log.Warn("connection refused; trying again later", "reason", v.health.Reason, "retry_in", v.again)
			s.cli.Disconnect()
			if !retry.Sleep(ctx, v.again) {
				return nil
			}
		}
	}
}

// report queues a health change behind the messages already handed to the worker.
func (s *session) report(h inbox.Health) {
	s.q.push(func() { s.c.health.Set(h) })
}

// onEvent is whatsmeow's event handler. It never blocks on anything but storing a
// message: the rest is queued for the worker. Its answer tells whatsmeow whether to
// acknowledge a message.
func (s *session) onEvent(evt any) bool {
	switch e := evt.(type) {
	case *events.Message:
		return s.onMessage(e)
	case *events.Receipt:
		s.q.push(func() { s.onReceipt(e) })
	case *events.HistorySync:
		s.log.Info("history sync not imported", "conversations", len(e.Data.GetConversations()))
	case *events.UndecryptableMessage:
		s.log.Warn("message not decrypted; WhatsApp is asked to send it again", "message", e.Info.ID)
	default:
		if v, ok := judge(evt, time.Now(), s.c.opts.MaxBackoff); ok {
			s.report(v.health)
			if v.stop || v.again > 0 {
				select {
				case s.again <- v:
				default:
				}
			}
		}
	}
	return true
}

// onMessage stores a client's message through the worker and waits for it: true (ack)
// once it is on disk or when it is not for SalonChat, false (WhatsApp delivers it
// again later) when storing failed or Run ends.
func (s *session) onMessage(e *events.Message) bool {
	if why := ignored(e.Info); why != "" {
		s.log.Debug("message skipped", "message", e.Info.ID, "why", why)
		return true
	}
	done := make(chan error, 1)
	if !s.q.push(func() { done <- s.store(e) }) {
		return false
	}
	select {
	case err := <-done:
		if err != nil {
			s.log.Error("message not stored; WhatsApp will deliver it again", "message", e.Info.ID, "err", err)
		}
		return err == nil
	case <-s.ctx.Done():
		return false
	}
}

// store converts, downloads and stores one message (in the worker).
func (s *session) store(e *events.Message) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	peer, _ := phoneJID(s.ctx, s.cli.lids(), e.Info.Chat, e.Info.Sender, e.Info.SenderAlt, e.Info.RecipientAlt)
	in, files, skip := toInbound(e, peer)
	if skip != "" {
		s.log.Info("message not stored", "message", e.Info.ID, "why", skip)
		return nil
	}
	if err := s.fetch(s.ctx, &in, files); err != nil {
		return err
	}
	in.Account = s.c.acc.ID
	if _, err := s.sink.Receive(in); err != nil {
		return fmt.Errorf("store message %s: %w", in.ExternalID, err)
	}
	return nil
}

// onReceipt moves outbound messages to delivered or read (in the worker). A receipt may
// overtake the outbox recording the message's id (Send has returned, the outbox has not
// written yet): such receipts wait a little and are passed on then.
func (s *session) onReceipt(e *events.Receipt) {
	var state inbox.DeliveryState
	switch e.Type {
	case types.ReceiptTypeDelivered:
		state = inbox.Delivered
	case types.ReceiptTypeRead, types.ReceiptTypePlayed:
		state = inbox.Read
	default:
		return
	}
	if e.IsFromMe || e.IsGroup {
		return
	}
	peerJID, _ := phoneJID(s.ctx, s.cli.lids(), e.Chat, e.Sender, e.SenderAlt)
	for _, id := range e.MessageIDs {
		s.receipt(MakePeerID(peerJID), id, state)
	}
}

// receipt passes one receipt to the sink, or puts it off while the outbox may not have
// recorded the message's id yet.
func (s *session) receipt(peer inbox.PeerID, id types.MessageID, state inbox.DeliveryState) {
	if wait := s.c.sends.hold(id, time.Now()); wait > 0 {
		time.AfterFunc(wait, func() { s.q.push(func() { s.receipt(peer, id, state) }) })
		return
	}
	s.sink.Receipt(peer, inbox.ExternalID(id), state)
}

// setSession makes a session the one Send uses (nil: none).
func (c *Connector) setSession(s *session) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cur = s
}

func (c *Connector) session() *session {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur
}
