package storage

import (
	"encoding/binary"
	"fmt"

	"salonchat/inbox"
)

func keyU32(b []byte) uint32 { return binary.BigEndian.Uint32(b) }

func (t *tx) Message(id inbox.MessageID) (inbox.Message, error) {
	key, err := t.msgKey(uint64(id))
	if err != nil {
		return inbox.Message{}, err
	}
	v := t.get(bMsgs, key)
	if v == nil {
		return inbox.Message{}, notFound("message", uint64(id))
	}
	ms, err := t.decodePage(keyU64(key), []kv{{key, v}})
	if err != nil {
		return inbox.Message{}, err
	}
	return ms[0], nil
}

// Messages reads a page of a thread backwards from before with one cursor, then fills
// deliveries and revisions with one range walk each: both buckets are keyed chat‖message
// like msgs, so a page's extras sit next to each other.
func (t *tx) Messages(chat inbox.ChatID, before inbox.MessageID, n int) ([]inbox.Message, error) {
	if n <= 0 {
		return nil, nil
	}
	prefix := u64key(uint64(chat))
	c := t.cursor(bMsgs) // the walk ends before decodePage, which reads other buckets
	if before == 0 {
		before = ^inbox.MessageID(0) // below the chat-range keys after the messages
	}
	k, v := cursorBefore(c, pair(uint64(chat), uint64(before)))
	// A page of up to 64 stays on the stack: these entries point into the mmap, and the
	// GC would otherwise scan them.
	var small [64]kv
	page := small[:0]
	if n > len(small) {
		page = make([]kv, n)
	}
	page = page[:n]
	i := n
	for ; hasPrefix(k, prefix) && i > 0; k, v = c.Prev() {
		i--
		page[i] = kv{k, v}
	}
	return t.decodePage(uint64(chat), page[i:])
}

// decodePage decodes ascending messages of one chat from one copy of their values
// (copyOut) and fills their extras.
func (t *tx) decodePage(chat uint64, page []kv) ([]inbox.Message, error) {
	if len(page) == 0 {
		return nil, nil
	}
	out := make([]inbox.Message, len(page))
	err := decoders(page, copyOut(page), func(i int, d dec) error {
		if err := decodeMessage(chat, second(page[i].k), d, &out[i]); err != nil {
			return fmt.Errorf("message %d: %w", second(page[i].k), err)
		}
		return nil
	})
	if err == nil {
		err = t.fillExtras(chat, out)
	}
	if err == nil {
		err = t.fillDeleted(chat, out)
	}
	return out, err
}

// fillExtras attaches delivery records and revisions to ascending messages of one chat.
// Both buckets are keyed chat‖message like msgs, so a page's extras are neighbours: one
// range walk each, and one copy of the values (copyOut).
func (t *tx) fillExtras(chat uint64, ms []inbox.Message) error {
	var buf [64]kv
	var at [64]int
	vals, idx := buf[:0], at[:0]
	collect := func(m int, k, v []byte) { vals, idx = append(vals, kv{k, v}), append(idx, m) }
	t.eachExtra(bDelivery, chat, ms, collect)
	ds := make([]inbox.Delivery, len(vals))
	err := decoders(vals, copyOut(vals), func(i int, d dec) error {
		ms[idx[i]].Delivery = &ds[i]
		return decodeDelivery(d, &ds[i])
	})
	if err != nil {
		return fmt.Errorf("delivery of %d: %w", ms[0].ID, err)
	}
	vals, idx = vals[:0], idx[:0]
	t.eachExtra(bRevisions, chat, ms, collect)
	err = decoders(vals, copyOut(vals), func(i int, d dec) error {
		r, err := decodeRevision(d)
		m := &ms[idx[i]]
		m.Revisions = append(m.Revisions, r)
		return err
	})
	if err != nil {
		return fmt.Errorf("revision of %d: %w", ms[0].ID, err)
	}
	return nil
}

// eachExtra calls fn with the index in ms of the message and the key and value of every
// entry of a chat‖message‖… bucket that belongs to one of ms.
func (t *tx) eachExtra(name bucket, chat uint64, ms []inbox.Message, fn func(m int, k, v []byte)) {
	if len(ms) == 0 {
		return
	}
	last := uint64(ms[len(ms)-1].ID)
	i := 0
	c := t.cursor(name) // fn does not use the tx
	for k, v := c.Seek(pair(chat, uint64(ms[0].ID))); k != nil && keyU64(k) == chat && second(k) <= last; k, v = c.Next() {
		for i < len(ms) && uint64(ms[i].ID) < second(k) {
			i++
		}
		if i < len(ms) && uint64(ms[i].ID) == second(k) {
			fn(i, k, v)
		}
	}
}

// WalkMessages walks a chat's messages in order a page at a time, so each page is
// decoded and filled as in Messages.
func (t *tx) WalkMessages(chat inbox.ChatID, fn func(inbox.Message) error) error {
	const size = 256
	prefix := u64key(uint64(chat))
	c := t.bucket(bMsgs).Cursor()
	// Most chats are short: start the page small (on the stack) and let it grow.
	var small [16]kv
	page := small[:0]
	flush := func() error {
		ms, err := t.decodePage(uint64(chat), page)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if err := fn(m); err != nil {
				return err
			}
		}
		page = page[:0]
		return nil
	}
	for k, v := c.Seek(prefix); hasPrefix(k, prefix) && isMessageKey(k); k, v = c.Next() {
		if page = append(page, kv{k, v}); len(page) == size {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
