package storage

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

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
	page := make([]kv, n)
	i := n
	for ; hasPrefix(k, prefix) && i > 0; k, v = c.Prev() {
		i--
		page[i] = kv{k, v}
	}
	return t.decodePage(uint64(chat), page[i:])
}

// decodePage decodes ascending messages of one chat and fills their extras. The values
// are copied into one exactly sized arena block, so the page's strings cost one
// allocation; deliveries share one slice.
func (t *tx) decodePage(chat uint64, page []kv) ([]inbox.Message, error) {
	if len(page) == 0 {
		return nil, nil
	}
	size := 0
	for _, p := range page {
		size += len(p.v)
	}
	var a arena
	a.reserve(size)
	out := make([]inbox.Message, len(page))
	for i, p := range page {
		if err := decodeMessage(chat, second(p.k), a.dec(p.v), &out[i]); err != nil {
			return nil, fmt.Errorf("message %d: %w", second(p.k), err)
		}
	}
	if err := t.fillDeliveries(chat, out, &a); err != nil {
		return nil, err
	}
	if err := fillRevisions(t.bucket(bRevisions).Cursor(), chat, out, &a); err != nil {
		return nil, err
	}
	return out, nil
}

// fillDeliveries attaches delivery records to ascending messages of one chat.
func (t *tx) fillDeliveries(chat uint64, ms []inbox.Message, a *arena) error {
	first, last := uint64(ms[0].ID), uint64(ms[len(ms)-1].ID)
	var ds []inbox.Delivery
	i := 0
	c := t.bucket(bDelivery).Cursor()
	for k, v := c.Seek(pair(chat, first)); k != nil && keyU64(k) == chat && second(k) <= last; k, v = c.Next() {
		for i < len(ms) && uint64(ms[i].ID) < second(k) {
			i++
		}
		if i == len(ms) || uint64(ms[i].ID) != second(k) {
			continue
		}
		if len(ds) == cap(ds) {
			ds = make([]inbox.Delivery, 0, min(len(ms)-i, 32))
		}
		ds = ds[:len(ds)+1]
		d := &ds[len(ds)-1]
		if err := decodeDelivery(a.dec(v), d); err != nil {
			return fmt.Errorf("delivery %d: %w", second(k), err)
		}
		ms[i].Delivery = d
	}
	return nil
}

func fillRevisions(c *bolt.Cursor, chat uint64, ms []inbox.Message, a *arena) error {
	i, last := 0, uint64(ms[len(ms)-1].ID)
	for k, v := c.Seek(pair(chat, uint64(ms[0].ID))); k != nil && keyU64(k) == chat && second(k) <= last; k, v = c.Next() {
		for i < len(ms) && uint64(ms[i].ID) < second(k) {
			i++
		}
		if i < len(ms) && uint64(ms[i].ID) == second(k) {
			r, err := decodeRevision(a.dec(v))
			if err != nil {
				return fmt.Errorf("revision of %d: %w", second(k), err)
			}
			ms[i].Revisions = append(ms[i].Revisions, r)
		}
	}
	return nil
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
