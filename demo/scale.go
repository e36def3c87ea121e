package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"salonchat/inbox"
)

// chunk is how many chats one transaction writes: big enough that a bulk load packs
// pages densely, small enough to keep a transaction's dirty pages in a few hundred MB.
const chunk = 10_000

// bulkLoader is a Store with a faster path for large imports (storage.Store.BulkLoad)
// and a way to drop the free pages the load's transactions left behind
// (storage.Store.Compact), which every later commit would otherwise rewrite.
type bulkLoader interface {
	BulkLoad(fn func(inbox.Tx) error) error
	Compact() error
}

// Scale writes a generated inbox of any size into store, shaped as PERFORMANCE.md
// describes, for `demo --chats N --messages M` and storage's benchmarks: 8 operators, 3 accounts (WhatsApp, Telegram,
// VK), chats with Russian names (many duplicates; two thirds with a phone; Telegram and
// VK users often with a username), about 30 % linked to a client, messages spread over
// chats Zipf-like (see sizes), 1–3 dialogs per chat of which about 35 % of the last ones
// are still open or postponed, and messages 50 % inbound, 44 % outbound, 6 % system, with
// texts of 20–300 characters and 4 % attachments.
//
// The result depends only on the arguments (and on an empty store for equal ids). It
// writes through inbox.Tx in transactions of 10 000 chats, through BulkLoad (then
// Compact) when the store has them, so it works on any Store.
func Scale(store inbox.Store, chats, messages int, seed int64) error {
	if chats <= 0 || messages < chats {
		return fmt.Errorf("scale: want chats > 0 and messages >= chats, got %d and %d", chats, messages)
	}
	write := store.Update
	bulk, ok := store.(bulkLoader)
	if ok {
		write = bulk.BulkLoad
	}
	g := newGen(seed)
	if err := write(g.setup); err != nil {
		return fmt.Errorf("scale setup: %w", err)
	}
	counts := sizes(g.rng, chats, messages)
	for start := 0; start < chats; start += chunk {
		part := counts[start:min(start+chunk, chats)]
		err := write(func(tx inbox.Tx) error {
			for _, n := range part {
				if err := g.chat(tx, n); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("scale chats %d–%d: %w", start, start+len(part), err)
		}
	}
	if bulk != nil {
		if err := bulk.Compact(); err != nil {
			return fmt.Errorf("scale: %w", err)
		}
	}
	return nil
}

// gen holds the generator's state between transactions.
type gen struct {
	rng      *rand.Rand
	now      time.Time // the newest generated time
	ops      []inbox.Operator
	accounts []inbox.Account
	seq      int // chats made so far: makes peers and phones unique
}

func newGen(seed int64) *gen {
	return &gen{
		rng: rand.New(rand.NewPCG(uint64(seed), 0x5a10c4a7)),
		now: time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC),
	}
}

// setup writes the operators and the accounts.
func (g *gen) setup(tx inbox.Tx) error {
	for i := range 8 {
		o := inbox.Operator{Name: femaleNames[i], Active: i < 7}
		if err := tx.PutOperator(&o); err != nil {
			return err
		}
		g.ops = append(g.ops, o)
	}
	for _, a := range []inbox.Account{
		{Network: inbox.WhatsApp, Title: "WhatsApp салона"},
		{Network: inbox.Telegram, Title: "Telegram-бот"},
		{Network: inbox.VK, Title: "Сообщество ВКонтакте"},
	} {
		if err := tx.PutAccount(&a); err != nil {
			return err
		}
		g.accounts = append(g.accounts, a)
	}
	return nil
}

// pct reports true with probability p percent.
func (g *gen) pct(p int) bool { return g.rng.IntN(100) < p }

func (g *gen) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }
