package inboxtest

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"salonchat/inbox"
)

// The Telegram Business records of a MemStore: connections, deletion marks and the
// client's last message in a business chat.

type connKey struct {
	account inbox.AccountID
	id      inbox.ConnectionID
}

func (t *memTx) Connection(account inbox.AccountID, id inbox.ConnectionID) (inbox.Connection, error) {
	c, ok := t.st.connections[connKey{account, id}]
	if !ok {
		return c, fmt.Errorf("connection %q of account %d: %w", id, account, inbox.ErrNotFound)
	}
	return c, nil
}

func (t *memTx) Connections(account inbox.AccountID) ([]inbox.Connection, error) {
	var out []inbox.Connection
	for k, c := range t.st.connections {
		if k.account == account {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b inbox.Connection) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

func (t *memTx) PutConnection(c inbox.Connection) error {
	if !t.write {
		return errReadOnly
	}
	t.st.connections[connKey{c.Account, c.ID}] = c
	return nil
}

func (t *memTx) MarkDeleted(id inbox.MessageID, at time.Time) error {
	if !t.write {
		return errReadOnly
	}
	if _, err := get(t.st.messages, id); err != nil {
		return fmt.Errorf("mark deleted %d: %w", id, err)
	}
	if _, marked := t.st.deleted[id]; !marked {
		t.st.deleted[id] = at
	}
	return nil
}

func (t *memTx) LastInbound(chat inbox.ChatID) (time.Time, error) { return t.st.lastIn[chat], nil }

func (t *memTx) SetLastInbound(chat inbox.ChatID, at time.Time) error {
	if !t.write {
		return errReadOnly
	}
	t.st.lastIn[chat] = at
	return nil
}
