package storage

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

// errImmutable is returned when a write would change a stored message.
var errImmutable = errors.New("messages are append-only")

// AppendMessage stores a new message under chat‖id, with id chat-scoped (chatrange.go)
// from the sequence of msgs, so that a chat's keys walk in the order messages were stored.
func (t *tx) AppendMessage(m *inbox.Message) error {
	if m.ID != 0 {
		return fmt.Errorf("append message %d: id already set: %w", m.ID, errImmutable)
	}
	chat := uint64(m.Chat)
	if t.get(bChats, u64key(chat)) == nil {
		return fmt.Errorf("append message: %w", notFound("chat", chat))
	}
	id, err := t.nextScoped(t.bucket(bMsgs), 0, chat)
	if err != nil {
		return fmt.Errorf("append message: %w", err)
	}
	key := pair(chat, id)
	if t.get(bMsgs, key) != nil {
		return fmt.Errorf("append message %d: %w", id, errImmutable)
	}
	if err := t.putMessage(key, m); err != nil {
		return fmt.Errorf("append message %d: %w", id, err)
	}
	m.ID = inbox.MessageID(id)
	return nil
}

func (t *tx) putMessage(key []byte, m *inbox.Message) error {
	chat, id := uint64(m.Chat), second(key)
	if m.ExternalID != "" {
		if err := t.putExt(chat, m.ExternalID, id); err != nil {
			return err
		}
	}
	if err := t.bucket(bMsgs).Put(key, encodeMessage(m)); err != nil {
		return err
	}
	if m.Delivery != nil {
		return t.putDelivery(key, nil, m.Delivery)
	}
	return nil
}

// putExt maps a network id within a chat to a message, in the chat's range. A network id
// already taken is an error: the Service checks MessageByExternal first, so a clash means
// two messages claim one id.
func (t *tx) putExt(chat uint64, ext inbox.ExternalID, id uint64) error {
	if v, ok := t.external(chat, ext); ok {
		if v == id {
			return nil
		}
		return fmt.Errorf("external id %q of chat %d is message %d", ext, chat, v)
	}
	return t.bucket(bMsgs).Put(extRangeKey(chat, string(ext)), u64key(id))
}

// external looks a network id up in the chat's range, then where schema 3 kept it.
func (t *tx) external(chat uint64, ext inbox.ExternalID) (uint64, bool) {
	if v := t.get(bMsgs, extRangeKey(chat, string(ext))); len(v) == 8 {
		return keyU64(v), true
	}
	if v := t.get(bExt, strKey(chat, string(ext))); len(v) == 8 {
		return keyU64(v), true
	}
	return 0, false
}

// putDelivery writes a delivery record and keeps the queued index in step with it.
func (t *tx) putDelivery(key []byte, old, d *inbox.Delivery) error {
	id := u64key(second(key))
	queued := t.bucket(bQueued)
	if old != nil && old.State == inbox.Queued && d.State != inbox.Queued {
		if err := queued.Delete(id); err != nil {
			return err
		}
	}
	if d.State == inbox.Queued {
		if err := queued.Put(id, []byte{}); err != nil {
			return err
		}
	}
	if d.ExternalID != "" {
		// Echoes, receipts and replies name an outbound message by the id the network
		// gave it. An id already taken keeps its message: the delivery record has it anyway.
		chat := keyU64(key)
		if _, taken := t.external(chat, d.ExternalID); !taken {
			if err := t.bucket(bMsgs).Put(extRangeKey(chat, string(d.ExternalID)), id); err != nil {
				return err
			}
		}
	}
	return t.bucket(bDelivery).Put(key, encodeDelivery(d))
}

// msgKey finds the chat‖id key of a stored message: from the id itself, or through
// msgchat for a message stored before schema 4.
func (t *tx) msgKey(id uint64) ([]byte, error) {
	if t.legacyMessage(id) {
		v := t.get(bMsgChat, u64key(id))
		if v == nil {
			return nil, notFound("message", id)
		}
		return pair(keyU64(v), id), nil
	}
	key := pair(chatOfID(id), id)
	if t.get(bMsgs, key) == nil {
		return nil, notFound("message", id)
	}
	return key, nil
}

func (t *tx) SetDelivery(id inbox.MessageID, d inbox.Delivery) error {
	key, err := t.msgKey(uint64(id))
	if err != nil {
		return fmt.Errorf("set delivery: %w", err)
	}
	var old *inbox.Delivery
	if v := t.get(bDelivery, key); v != nil {
		old = &inbox.Delivery{}
		if err := decodeDelivery(dec{b: v}, old); err != nil {
			return fmt.Errorf("set delivery %d: %w", id, err)
		}
	}
	if err := t.putDelivery(key, old, &d); err != nil {
		return fmt.Errorf("set delivery %d: %w", id, err)
	}
	return nil
}

// AddRevision stores an edit under chat‖message‖seq, after the message's earlier edits.
func (t *tx) AddRevision(id inbox.MessageID, rev inbox.Revision) error {
	key, err := t.msgKey(uint64(id))
	if err != nil {
		return fmt.Errorf("add revision: %w", err)
	}
	chat := keyU64(key)
	revs := t.bucket(bRevisions)
	seq := uint32(1)
	if k, _ := cursorBefore(revs.Cursor(), revKey(chat, uint64(id), ^uint32(0))); hasPrefix(k, key) {
		seq = keyU32(k[16:]) + 1
	}
	if rev.ExternalID != "" {
		if err := t.putExt(chat, rev.ExternalID, uint64(id)); err != nil {
			return fmt.Errorf("add revision to %d: %w", id, err)
		}
	}
	if err := revs.Put(revKey(chat, uint64(id), seq), encodeRevision(&rev)); err != nil {
		return fmt.Errorf("add revision to %d: %w", id, err)
	}
	return nil
}

func (t *tx) MessageByExternal(chat inbox.ChatID, ext inbox.ExternalID) (inbox.MessageID, bool, error) {
	id, ok := t.external(uint64(chat), ext)
	return inbox.MessageID(id), ok, nil
}

func (t *tx) Queued() ([]inbox.MessageID, error) {
	var out []inbox.MessageID
	c := t.bucket(bQueued).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		out = append(out, inbox.MessageID(keyU64(k)))
	}
	return out, nil
}

// cursorBefore positions c on the last key below limit; nil when there is none.
func cursorBefore(c *bolt.Cursor, limit []byte) (k, v []byte) {
	if k, _ = c.Seek(limit); k == nil {
		return c.Last()
	}
	return c.Prev()
}
