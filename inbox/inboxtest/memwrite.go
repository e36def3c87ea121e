package inboxtest

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"salonchat/inbox"
)

// errReadOnly guards against writing through a View.
var errReadOnly = errors.New("memstore: write in a read-only transaction")

// put assigns an id when the record has none and stores it.
func put[K ~uint64, V any](t *memTx, m map[K]V, id *K, v *V) error {
	if !t.write {
		return errReadOnly
	}
	if *id == 0 {
		*id = K(t.next())
	}
	m[*id] = *v
	return nil
}

func (t *memTx) PutOperator(o *inbox.Operator) error { return put(t, t.st.operators, &o.ID, o) }
func (t *memTx) PutAccount(a *inbox.Account) error {
	a.Settings = maps.Clone(a.Settings)
	return put(t, t.st.accounts, &a.ID, a)
}
func (t *memTx) PutChat(c *inbox.Chat) error { return put(t, t.st.chats, &c.ID, c) }

// PutDialog makes a new dialog its chat's current one, as storage does by keeping a
// chat's dialogs in its key range.
func (t *memTx) PutDialog(d *inbox.Dialog) error {
	isNew := d.ID == 0
	if err := put(t, t.st.dialogs, &d.ID, d); err != nil || !isNew {
		return err
	}
	if c, ok := t.st.chats[d.Chat]; ok {
		c.Dialog = d.ID
		t.st.chats[d.Chat] = c
	}
	return nil
}
func (t *memTx) PutVisit(v *inbox.Visit) error       { return put(t, t.st.visits, &v.ID, v) }
func (t *memTx) PutTask(v *inbox.Task) error         { return put(t, t.st.tasks, &v.ID, v) }
func (t *memTx) PutLead(v *inbox.Lead) error         { return put(t, t.st.leads, &v.ID, v) }
func (t *memTx) PutTemplate(v *inbox.Template) error { return put(t, t.st.templates, &v.ID, v) }
func (t *memTx) PutClient(c *inbox.Client) error {
	c.Phones = slices.Clone(c.Phones)
	return put(t, t.st.clients, &c.ID, c)
}

func (t *memTx) PutSalon(s inbox.Salon) error {
	if !t.write {
		return errReadOnly
	}
	t.st.salon = s
	return nil
}

// AppendMessage stores a new message; the stored copy never changes afterwards.
func (t *memTx) AppendMessage(m *inbox.Message) error {
	if !t.write {
		return errReadOnly
	}
	if m.ID != 0 {
		return fmt.Errorf("append message: id %d already set", m.ID)
	}
	m.ID = inbox.MessageID(t.next())
	stored := *m
	stored.Attachments = slices.Clone(m.Attachments)
	stored.Delivery, stored.Revisions = nil, nil
	if m.System != nil {
		sys := *m.System
		stored.System = &sys
	}
	t.st.messages[m.ID] = stored
	if m.Delivery != nil {
		t.setDelivery(m.Chat, m.ID, *m.Delivery)
	}
	if m.ExternalID != "" {
		t.indexExt(m.Chat, m.ExternalID, m.ID)
	}
	return nil
}

func (t *memTx) indexExt(chat inbox.ChatID, ext inbox.ExternalID, id inbox.MessageID) {
	if t.st.ext[chat] == nil {
		t.st.ext[chat] = map[inbox.ExternalID]inbox.MessageID{}
	}
	t.st.ext[chat][ext] = id
}

func (t *memTx) AddRevision(id inbox.MessageID, rev inbox.Revision) error {
	if !t.write {
		return errReadOnly
	}
	m, err := get(t.st.messages, id)
	if err != nil {
		return err
	}
	t.st.revisions[id] = append(t.st.revisions[id], rev)
	if rev.ExternalID != "" {
		t.indexExt(m.Chat, rev.ExternalID, id)
	}
	return nil
}

func (t *memTx) SetDelivery(id inbox.MessageID, d inbox.Delivery) error {
	if !t.write {
		return errReadOnly
	}
	m, err := get(t.st.messages, id)
	if err != nil {
		return err
	}
	t.setDelivery(m.Chat, id, d)
	return nil
}

// setDelivery stores a delivery record and indexes the network's id of a sent message,
// so receipts and echoes find it; an id already taken keeps its message.
func (t *memTx) setDelivery(chat inbox.ChatID, id inbox.MessageID, d inbox.Delivery) {
	t.st.delivery[id] = d
	if _, taken := t.st.ext[chat][d.ExternalID]; d.ExternalID != "" && !taken {
		t.indexExt(chat, d.ExternalID, id)
	}
}
