package whatsapp

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"time"

	"go.mau.fi/whatsmeow/types"

	"salonchat/connectors/internal/retry"
	"salonchat/inbox"
)

// errBulk: the message would make the account write to more different chats within a
// minute than a person answering clients does.
var errBulk = errors.New("too many different chats in a short time")

// pacer keeps an account's sends to a human pace. WhatsApp bans numbers that message
// many people quickly (temporary-ban codes 101 and 104, then for good); a salon's
// administrator answering clients never needs that, a mass mailing does. So each
// message waits until Pace (plus up to half of it at random) has passed since the last
// one, and a message to a chat that would make more than BulkChats different chats
// within BulkWindow is refused: answers to chats already written to still go.
type pacer struct {
	mu       sync.Mutex
	every    time.Duration
	maxChats int
	window   time.Duration
	last     time.Time
	recent   []sentTo
	// Time and chance, replaced in tests.
	now    func() time.Time
	sleep  func(ctx context.Context, d time.Duration) bool
	jitter func(max time.Duration) time.Duration
}

type sentTo struct {
	peer inbox.PeerID
	at   time.Time
}

func newPacer(every time.Duration, maxChats int, window time.Duration) *pacer {
	return &pacer{every: every, maxChats: maxChats, window: window, now: time.Now, sleep: retry.Sleep,
		jitter: func(max time.Duration) time.Duration {
			if max <= 0 {
				return 0
			}
			return rand.N(max)
		}}
}

// wait blocks until a message to peer may go, and records it as sent. Sends of one
// account go one at a time. It returns errBulk for a bulk send, or ctx's error.
func (p *pacer) wait(ctx context.Context, peer inbox.PeerID) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	keep := p.recent[:0]
	chats := map[inbox.PeerID]bool{}
	for _, s := range p.recent {
		if now.Sub(s.at) < p.window {
			keep = append(keep, s)
			chats[s.peer] = true
		}
	}
	p.recent = keep
	if !chats[peer] && len(chats) >= p.maxChats {
		return errBulk
	}
	if !p.last.IsZero() {
		if d := p.last.Add(p.every + p.jitter(p.every/2)).Sub(now); d > 0 && !p.sleep(ctx, d) {
			return ctx.Err()
		}
	}
	p.last = p.now()
	p.recent = append(p.recent, sentTo{peer: peer, at: p.last})
	return nil
}

// Receipts can overtake the outbox writing down a sent message's id; sendLog tells the
// session which receipts to put off, and for how long.
const (
	receiptHold  = 2 * time.Second // after Send returned
	receiptRetry = 500 * time.Millisecond
	receiptGive  = 3 * time.Minute // a send that never returns holds nothing longer
)

type sendLog struct {
	mu       sync.Mutex
	inflight map[types.MessageID]time.Time // id → when its send started
	done     map[types.MessageID]time.Time // id → when its send returned
}

func newSendLog() *sendLog {
	return &sendLog{inflight: map[types.MessageID]time.Time{}, done: map[types.MessageID]time.Time{}}
}

func (l *sendLog) start(id types.MessageID, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.inflight[id] = now
}

func (l *sendLog) finish(id types.MessageID, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.inflight, id)
	l.done[id] = now
	for k, at := range l.done {
		if now.Sub(at) > receiptHold {
			delete(l.done, k)
		}
	}
}

// hold is how long to put off a receipt for id; 0 means pass it on now.
func (l *sendLog) hold(id types.MessageID, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if at, ok := l.inflight[id]; ok && now.Sub(at) < receiptGive {
		return receiptRetry
	}
	if at, ok := l.done[id]; ok && now.Sub(at) < receiptHold {
		return receiptHold - now.Sub(at)
	}
	return 0
}
