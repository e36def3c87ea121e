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
	ms := make([]inbox.Message, 1)
	if err := decodeMessage(keyU64(key), uint64(id), v, &ms[0]); err != nil {
		return inbox.Message{}, fmt.Errorf("message %d: %w", id, err)
	}
	if err := t.fillExtras(keyU64(key), ms); err != nil {
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
	limit := pair(uint64(chat), uint64(before))
	if before == 0 {
		limit = pair(uint64(chat)+1, 0)
		if chat == ^inbox.ChatID(0) {
			limit = nil
		}
	}
	c := t.bucket(bMsgs).Cursor()
	var k, v []byte
	if limit == nil {
		k, v = c.Last()
	} else {
		k, v = cursorBefore(c, limit)
	}
	// Collect newest first, then fill the slice from its end so it comes out ascending.
	var keys, vals [][]byte
	for ; hasPrefix(k, prefix) && len(keys) < n; k, v = c.Prev() {
		keys, vals = append(keys, k), append(vals, v)
	}
	out := make([]inbox.Message, len(keys))
	for i := range keys {
		j := len(keys) - 1 - i
		if err := decodeMessage(uint64(chat), second(keys[i]), vals[i], &out[j]); err != nil {
			return nil, fmt.Errorf("message %d: %w", second(keys[i]), err)
		}
	}
	if err := t.fillExtras(uint64(chat), out); err != nil {
		return nil, err
	}
	return out, nil
}

// fillExtras attaches delivery records and revisions to ascending messages of one chat.
func (t *tx) fillExtras(chat uint64, ms []inbox.Message) error {
	if len(ms) == 0 {
		return nil
	}
	first, last := uint64(ms[0].ID), uint64(ms[len(ms)-1].ID)
	i := 0
	c := t.bucket(bDelivery).Cursor()
	for k, v := c.Seek(pair(chat, first)); k != nil && keyU64(k) == chat && second(k) <= last; k, v = c.Next() {
		for i < len(ms) && uint64(ms[i].ID) < second(k) {
			i++
		}
		if i < len(ms) && uint64(ms[i].ID) == second(k) {
			d, err := decodeDelivery(v)
			if err != nil {
				return fmt.Errorf("delivery %d: %w", second(k), err)
			}
			ms[i].Delivery = d
		}
	}
	return t.fillRevisions(t.bucket(bRevisions).Cursor(), chat, ms, last)
}

func (t *tx) fillRevisions(c *bolt.Cursor, chat uint64, ms []inbox.Message, last uint64) error {
	i := 0
	for k, v := c.Seek(pair(chat, uint64(ms[0].ID))); k != nil && keyU64(k) == chat && second(k) <= last; k, v = c.Next() {
		for i < len(ms) && uint64(ms[i].ID) < second(k) {
			i++
		}
		if i < len(ms) && uint64(ms[i].ID) == second(k) {
			r, err := decodeRevision(v)
			if err != nil {
				return fmt.Errorf("revision of %d: %w", second(k), err)
			}
			ms[i].Revisions = append(ms[i].Revisions, r)
		}
	}
	return nil
}

// WalkMessages walks a chat's messages in order a page at a time, so the extras are
// filled with range walks as in Messages.
func (t *tx) WalkMessages(chat inbox.ChatID, fn func(inbox.Message) error) error {
	const page = 256
	prefix := u64key(uint64(chat))
	c := t.bucket(bMsgs).Cursor()
	buf := make([]inbox.Message, 0, page)
	flush := func() error {
		if err := t.fillExtras(uint64(chat), buf); err != nil {
			return err
		}
		for _, m := range buf {
			if err := fn(m); err != nil {
				return err
			}
		}
		buf = buf[:0]
		return nil
	}
	for k, v := c.Seek(prefix); hasPrefix(k, prefix); k, v = c.Next() {
		buf = buf[:len(buf)+1]
		if err := decodeMessage(uint64(chat), second(k), v, &buf[len(buf)-1]); err != nil {
			return fmt.Errorf("message %d: %w", second(k), err)
		}
		if len(buf) == page {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
