package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/go-telegram/bot/models"

	"salonchat/connectors/internal/batch"
	"salonchat/connectors/internal/retry"
	"salonchat/inbox"
)

// parallelChats is how many chats of one getUpdates answer are stored at once. Parallel
// Receive calls share the store's commits, which matters for a backlog after a night
// offline; the messages of one chat still go one after another, in order.
const parallelChats = 8

// Run receives messages until ctx ends (see the package comment for when Telegram is
// told a message arrived). It returns nil when ctx ends, ErrRunning when the connector
// already runs, and an *inbox.Error (key health.token_invalid or health.bot_not_found)
// when the settings cannot work: the health is then HealthError, and polling on would
// only repeat the refusal.
func (c *Connector) Run(ctx context.Context, sink inbox.Sink) error {
	if c.opts.DataDir == "" {
		return errors.New("telegram: Options.DataDir is required to receive files")
	}
	if !c.running.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer c.running.Store(false)
	c.health.Bind(sink)
	p := &poller{c: c, sink: sink, wait: retry.Backoff{Min: c.opts.MinBackoff, Max: c.opts.MaxBackoff}}
	p.loadConnections()
	return p.run(ctx)
}

// poller is one Run's getUpdates loop.
type poller struct {
	c    *Connector
	sink inbox.Sink
	wait retry.Backoff
	// conns are the business connections known to this Run.
	conns connections
	// offset is the id of the first update not yet on disk (0: none seen yet);
	// confirmed is the offset Telegram last heard, i.e. what it may forget.
	offset, confirmed int64
}

func (p *poller) run(ctx context.Context) error {
	for {
		if ctx.Err() != nil {
			p.confirm()
			return nil
		}
		raw, err := p.c.api.getUpdates(ctx, p.offset, pollLimit, p.c.opts.PollTimeout)
		if err != nil {
			if ctx.Err() != nil {
				continue
			}
			if stop := p.trouble(ctx, err); stop != nil {
				return stop
			}
			continue
		}
		p.confirmed = p.offset
		p.wait.Reset()
		p.c.health.Set(inbox.Health{State: inbox.HealthOK})
		if err := p.store(ctx, raw); err != nil && ctx.Err() == nil {
			d := p.wait.Next()
			p.c.log.Error("received messages not stored; Telegram will send them again", "retry_in", d, "err", p.c.api.logValue(err))
			retry.Sleep(ctx, d)
		}
	}
}

// trouble reports a failed poll as health and waits before the next one; it returns
// the error that ends Run when polling cannot go on.
func (p *poller) trouble(ctx context.Context, err error) error {
	t := p.c.api.classify(err)
	detail := p.c.api.scrub(err.Error())
	p.c.health.Set(inbox.Health{State: t.state, Reason: t.reason, Detail: detail})
	if t.stop {
		p.c.log.Error("polling stopped", "reason", t.reason, "err", detail)
		return &inbox.Error{Code: inbox.CodeUnavailable, Key: t.reason, Err: err}
	}
	d := p.wait.Next()
	if t.slow {
		d = p.wait.Max
	}
	d = max(d, t.retryAfter)
	p.c.log.Warn("getUpdates failed", "reason", t.reason, "retry_in", d, "err", detail)
	retry.Sleep(ctx, d)
	return nil
}

// store hands one answer's updates to the sink and moves the offset past the longest
// run of updates that are on disk. Connection updates go first, in order, so that a
// message of the same answer finds its connection.
func (p *poller) store(ctx context.Context, raw []json.RawMessage) error {
	ups := make([]update, 0, len(raw))
	for _, r := range raw {
		u, err := decodeUpdate(r)
		if err != nil {
			p.c.log.Warn("update partly unreadable", "update", u.id, "err", err)
		}
		ups = append(ups, u)
	}
	results := make([]error, len(ups))
	var chats []int // indexes of the updates of chats
	for i, u := range ups {
		if u.conn != nil {
			if _, err := p.setConnection(u.conn); err != nil {
				results[i] = fmt.Errorf("store update %d (business connection %s): %w", u.id, u.conn.ID, err)
			}
			continue
		}
		chats = append(chats, i)
	}
	stored := batch.ByChat(chats, func(i int) string { return ups[i].chat() }, parallelChats,
		func(i int) error { return p.receive(ctx, ups[i]) })
	for k, i := range chats {
		results[i] = stored[k]
	}
	for i, u := range ups {
		if results[i] != nil {
			return results[i]
		}
		p.offset = max(p.offset, u.id+1)
	}
	return nil
}

// receive stores one update's message, with its files fetched first, or notes a
// deletion.
func (p *poller) receive(ctx context.Context, u update) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if u.deleted != nil {
		if err := p.deleted(u.deleted); err != nil {
			return fmt.Errorf("store update %d (deletion): %w", u.id, err)
		}
		return nil
	}
	var in inbox.Inbound
	var files []remoteFile
	ok := false
	if u.business() {
		var err error
		if in, files, ok, err = p.businessInbound(ctx, u.msg, u.edited); err != nil {
			return fmt.Errorf("update %d: business connection %s: %w", u.id, u.msg.BusinessConnectionID, err)
		}
	} else {
		if in, files, ok = toInbound(u.msg, u.edited); ok {
			in.SamePersonAs = p.businessTwin(u.msg.Chat.ID)
		}
	}
	if !ok {
		p.c.log.Debug("update skipped: not a client's message", "update", u.id)
		return nil
	}
	if err := p.c.fetch(ctx, &in, files); err != nil {
		return err
	}
	in.Account = p.c.acc.ID
	if _, err := p.sink.Receive(in); err != nil {
		return fmt.Errorf("store update %d (message %s): %w", u.id, in.ExternalID, err)
	}
	return nil
}

// confirm tells Telegram, on the way out, which updates are on disk, so that the next
// start does not fetch them again. Best effort: without it they come again and the
// store drops the copies.
func (p *poller) confirm() {
	if p.offset <= p.confirmed {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if _, err := p.c.api.getUpdates(ctx, p.offset, 1, 0); err == nil {
		p.confirmed = p.offset
	}
}

// update is one decoded update: a new or an edited message (of the bot's own chats or,
// with a business_connection_id, of a business chat), a business connection, a deletion
// in a business chat, or none of these for other kinds.
type update struct {
	id      int64
	msg     *models.Message
	edited  bool
	conn    *businessConnection
	deleted *models.BusinessMessagesDeleted
}

// business reports whether the update is a message of a business chat.
func (u update) business() bool { return u.msg != nil && u.msg.BusinessConnectionID != "" }

// chat is the peer of the update's chat: its updates are stored in order.
func (u update) chat() string {
	switch {
	case u.deleted != nil:
		return string(MakeBusinessPeerID(u.deleted.Chat.ID, inbox.ConnectionID(u.deleted.BusinessConnectionID)))
	case u.business():
		return string(MakeBusinessPeerID(u.msg.Chat.ID, inbox.ConnectionID(u.msg.BusinessConnectionID)))
	case u.msg != nil:
		return string(MakePeerID(u.msg.Chat.ID))
	}
	return ""
}

// rawUpdate is an Update as go-telegram/bot models it, but with this package's own
// business_connection (see businessConnection): the shallower field wins in
// encoding/json.
type rawUpdate struct {
	models.Update
	BusinessConnection *businessConnection `json:"business_connection,omitempty"`
}

// decodeUpdate decodes one update. A field whose JSON does not fit the library's model
// (a newer Bot API) is left empty and reported, rather than blocking the queue: the rest
// of the message is still stored.
func decodeUpdate(raw json.RawMessage) (update, error) {
	var m rawUpdate
	err := json.Unmarshal(raw, &m)
	var te *json.UnmarshalTypeError
	if err != nil && !errors.As(err, &te) {
		var id struct {
			ID int64 `json:"update_id"`
		}
		json.Unmarshal(raw, &id)
		return update{id: id.ID}, err
	}
	u := update{id: m.ID, conn: m.BusinessConnection, deleted: m.DeletedBusinessMessages}
	switch {
	case m.Message != nil:
		u.msg = m.Message
	case m.EditedMessage != nil:
		u.msg, u.edited = m.EditedMessage, true
	case m.BusinessMessage != nil:
		u.msg = m.BusinessMessage
	case m.EditedBusinessMessage != nil:
		u.msg, u.edited = m.EditedBusinessMessage, true
	}
	if u.msg != nil && (m.BusinessMessage != nil || m.EditedBusinessMessage != nil) && u.msg.BusinessConnectionID == "" {
		// Telegram always names the connection; without it the message cannot be
		// answered or told apart from the bot's own chat.
		return update{id: m.ID}, errors.New("business message without business_connection_id")
	}
	return u, err
}
