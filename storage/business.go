package storage

import (
	"encoding/json"
	"fmt"
	"time"

	"salonchat/inbox"
)

// Telegram Business (schema 3): connections, deletion marks and the client's last message
// in a business chat, each in its own bucket so that no message value is ever rewritten.

// more reports whether a value has bytes left: a field appended to a layout in a later
// schema is absent from values written before it and decodes as its zero value.
func (d *dec) more() bool { return d.err == nil && len(d.b) > 0 }

func (t *tx) Connection(account inbox.AccountID, id inbox.ConnectionID) (inbox.Connection, error) {
	var c inbox.Connection
	raw := t.get(bConnections, strKey(uint64(account), string(id)))
	if raw == nil {
		return c, fmt.Errorf("connection %q of account %d: %w", id, account, inbox.ErrNotFound)
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		return c, fmt.Errorf("connection %q of account %d: %w", id, account, err)
	}
	return c, nil
}

func (t *tx) Connections(account inbox.AccountID) ([]inbox.Connection, error) {
	var out []inbox.Connection
	prefix := u64key(uint64(account))
	c := t.cursor(bConnections) // nothing else reads this bucket during the walk
	for k, v := c.Seek(prefix); hasPrefix(k, prefix); k, v = c.Next() {
		var conn inbox.Connection
		if err := json.Unmarshal(v, &conn); err != nil {
			return nil, fmt.Errorf("connection %q of account %d: %w", k[8:], account, err)
		}
		out = append(out, conn)
	}
	return out, nil
}

func (t *tx) PutConnection(c inbox.Connection) error {
	raw, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("put connection %q: %w", c.ID, err)
	}
	if err := t.bucket(bConnections).Put(strKey(uint64(c.Account), string(c.ID)), raw); err != nil {
		return fmt.Errorf("put connection %q: %w", c.ID, err)
	}
	return nil
}

// MarkDeleted keeps the first mark under chat‖message, like delivery records, so that a
// page of a thread finds its marks with one range walk (fillDeleted).
func (t *tx) MarkDeleted(id inbox.MessageID, at time.Time) error {
	key, err := t.msgKey(uint64(id))
	if err != nil {
		return fmt.Errorf("mark deleted: %w", err)
	}
	if t.get(bDeleted, key) != nil {
		return nil
	}
	if err := t.bucket(bDeleted).Put(key, u64key(uint64(nanos(at)))); err != nil {
		return fmt.Errorf("mark deleted %d: %w", id, err)
	}
	return nil
}

// fillDeleted sets Deleted on the ascending messages of one chat that have a mark.
func (t *tx) fillDeleted(chat uint64, ms []inbox.Message) error {
	var err error
	t.eachExtra(bDeleted, chat, ms, func(m int, _, v []byte) {
		if len(v) != 8 {
			err = fmt.Errorf("deletion mark of %d: %w", ms[m].ID, errCorrupt)
			return
		}
		ms[m].Deleted = fromNanos(int64(keyU64(v)))
	})
	return err
}

func (t *tx) LastInbound(chat inbox.ChatID) (time.Time, error) {
	v := t.get(bLastIn, u64key(uint64(chat)))
	if len(v) != 8 {
		return time.Time{}, nil
	}
	return fromNanos(int64(keyU64(v))), nil
}

func (t *tx) SetLastInbound(chat inbox.ChatID, at time.Time) error {
	if err := t.bucket(bLastIn).Put(u64key(uint64(chat)), u64key(uint64(nanos(at)))); err != nil {
		return fmt.Errorf("last inbound of chat %d: %w", chat, err)
	}
	return nil
}
