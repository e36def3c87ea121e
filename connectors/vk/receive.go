package vk

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"time"

	"salonchat/connectors/internal/batch"
	"salonchat/inbox"
)

// parallelChats is how many chats of one long poll answer are stored at once. Parallel
// Receive calls share the store's commits, which matters for a backlog after a night
// offline; the messages of one chat still go one after another, in order.
const parallelChats = 8

// store hands one answer's messages to the sink and, when all are on disk, moves the
// position past the answer.
func (p *poller) store(ctx context.Context, a lpAnswer) error {
	evs := make([]event, 0, len(a.Updates))
	for _, raw := range a.Updates {
		ev, err := decodeEvent(raw)
		if err != nil {
			p.c.log.Warn("event partly unreadable", "type", ev.typ, "err", err)
		}
		evs = append(evs, ev)
	}
	p.c.lookupNames(ctx, evs)
	results := batch.ByChat(evs, event.peer, parallelChats, func(ev event) error { return p.receive(ctx, ev) })
	for _, err := range results {
		if err != nil {
			return err
		}
	}
	if a.Ts != "" {
		p.ts = string(a.Ts)
		p.save()
	}
	return nil
}

// receive handles one event: a client's message (with its files fetched first) goes to
// the sink; consent changes go to the log; a read receipt to the sink.
func (p *poller) receive(ctx context.Context, ev event) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	switch ev.typ {
	case "message_allow", "message_deny":
		return p.consent(ev)
	case "message_read":
		if r := ev.read; r != nil && r.ReadMessageID > 0 && r.PeerID > 0 && r.PeerID < chatPeerBase {
			p.sink.Receipt(MakePeerID(r.PeerID), MakeMessageID(r.ReadMessageID), inbox.Read)
		}
		return nil
	}
	in, files, ok := p.c.toInbound(ev)
	if !ok {
		p.c.log.Debug("event skipped: not a client's message", "type", ev.typ)
		return nil
	}
	if err := p.c.fetch(ctx, &in, files); err != nil {
		return err
	}
	in.Account = p.c.acc.ID
	if _, err := p.sink.Receive(in); err != nil {
		return fmt.Errorf("store message %s: %w", in.ExternalID, err)
	}
	return nil
}

// consent notes in the client's chat that they allowed or forbade the community's
// messages, when the sink can (the store keeps it once per VK event id).
func (p *poller) consent(ev event) error {
	if ev.consent == nil || ev.consent.UserID <= 0 {
		return nil
	}
	p.c.log.Info("client changed consent to the community's messages", "event", ev.typ, "peer", ev.consent.UserID)
	cs, ok := p.sink.(inbox.ConsentSink)
	if !ok {
		return nil
	}
	key := inbox.ExternalID(ev.typ + ":" + cmp.Or(ev.id, strconv.Itoa(ev.consent.UserID)))
	if err := cs.Consent(MakePeerID(ev.consent.UserID), ev.typ == "message_allow", key, time.Now()); err != nil {
		return fmt.Errorf("store %s: %w", ev.typ, err)
	}
	return nil
}
