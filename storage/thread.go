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
	v := t.bucket(bMsgs).Get(key)
	if v == nil {
		return inbox.Message{}, notFound("message", uint64(id))
	}
	ms, err := t.decodePage(keyU64(key), []kv{{key, v}})
	if err != nil {
		return inbox.Message{}, err
	}
	return ms[0], nil
}

// kv is a key and value as the cursor returned them (valid until the tx ends).
type kv struct{ k, v []byte }

// Messages reads a page of a thread backwards from before with one cursor, then fills
// deliveries and revisions with one range walk each: both buckets are keyed chat‖message
// like msgs, so a page's extras sit next to each other.
func (t *tx) Messages(chat inbox.ChatID, before inbox.MessageID, n int) ([]inbox.Message, error) {
	if n <= 0 {
		return nil, nil
	}
	prefix := u64key(uint64(chat))
	c := t.bucket(bMsgs).Cursor()
	var k, v []byte
	switch {
	case before != 0:
		k, v = cursorBefore(c, pair(uint64(chat), uint64(before)))
	case chat == ^inbox.ChatID(0):
		k, v = c.Last()
	default:
		k, v = cursorBefore(c, pair(uint64(chat)+1, 0))
	}
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

// decodePage decodes ascending messages of one chat and fills their extras, each kind
// from one copy of its values (copyOut).
func (t *tx) decodePage(chat uint64, page []kv) ([]inbox.Message, error) {
	if len(page) == 0 {
		return nil, nil
	}
	vals := make([][]byte, len(page))
	for i, p := range page {
		vals[i] = p.v
	}
	out := make([]inbox.Message, len(page))
	err := decoders(vals, copyOut(vals), func(i int, d dec) error {
		if err := decodeMessage(chat, second(page[i].k), d, &out[i]); err != nil {
			return fmt.Errorf("message %d: %w", second(page[i].k), err)
		}
		return nil
	})
	if err == nil {
		err = t.fillDeliveries(chat, out)
	}
	if err == nil {
		err = t.fillRevisions(chat, out)
	}
	return out, err
}

// extras collects the values of a chat‖message‖… bucket for the messages of a page: one
// range walk, since the page's messages are neighbours in that bucket too. at[i] is the
// index in ms of the message vals[i] belongs to.
func (t *tx) extras(bucket []byte, chat uint64, ms []inbox.Message) (vals [][]byte, at []int) {
	last := uint64(ms[len(ms)-1].ID)
	i := 0
	c := t.bucket(bucket).Cursor()
	for k, v := c.Seek(pair(chat, uint64(ms[0].ID))); k != nil && keyU64(k) == chat && second(k) <= last; k, v = c.Next() {
		for i < len(ms) && uint64(ms[i].ID) < second(k) {
			i++
		}
		if i < len(ms) && uint64(ms[i].ID) == second(k) {
			vals, at = append(vals, v), append(at, i)
		}
	}
	return vals, at
}

// fillDeliveries attaches delivery records to ascending messages of one chat.
func (t *tx) fillDeliveries(chat uint64, ms []inbox.Message) error {
	vals, at := t.extras(bDelivery, chat, ms)
	ds := make([]inbox.Delivery, len(vals))
	return decoders(vals, copyOut(vals), func(i int, d dec) error {
		if err := decodeDelivery(d, &ds[i]); err != nil {
			return fmt.Errorf("delivery %d: %w", ms[at[i]].ID, err)
		}
		ms[at[i]].Delivery = &ds[i]
		return nil
	})
}

// fillRevisions attaches revisions, in order, to ascending messages of one chat.
func (t *tx) fillRevisions(chat uint64, ms []inbox.Message) error {
	vals, at := t.extras(bRevisions, chat, ms)
	return decoders(vals, copyOut(vals), func(i int, d dec) error {
		r, err := decodeRevision(d)
		if err != nil {
			return fmt.Errorf("revision of %d: %w", ms[at[i]].ID, err)
		}
		m := &ms[at[i]]
		m.Revisions = append(m.Revisions, r)
		return nil
	})
}

// WalkMessages walks a chat's messages in order a page at a time, so each page is
// decoded and filled as in Messages.
func (t *tx) WalkMessages(chat inbox.ChatID, fn func(inbox.Message) error) error {
	const size = 256
	prefix := u64key(uint64(chat))
	c := t.bucket(bMsgs).Cursor()
	page := make([]kv, 0, size)
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
	for k, v := c.Seek(prefix); hasPrefix(k, prefix); k, v = c.Next() {
		if page = append(page, kv{k, v}); len(page) == size {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
