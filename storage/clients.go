package storage

import (
	"encoding/json"
	"fmt"

	"salonchat/inbox"
)

// Clients and their visits, tasks and leads are JSON records: read one client card at a
// time, written by hand. Visits, tasks and leads each have a clientID‖id index.

func (t *tx) Client(id inbox.ClientID) (c inbox.Client, err error) {
	err = t.getJSON(bClients, uint64(id), &c)
	return c, err
}

func (t *tx) Clients() ([]inbox.Client, error) { return allJSON[inbox.Client](t, bClients) }

// PutClient stores a client and moves its list, name and phone index entries.
func (t *tx) PutClient(c *inbox.Client) error {
	var old *inbox.Client
	if c.ID != 0 {
		if prev, err := t.Client(c.ID); err == nil {
			old = &prev
		}
	}
	id, err := t.nextID(t.bucket(bClients), uint64(c.ID))
	if err != nil {
		return fmt.Errorf("put client: %w", err)
	}
	c.ID = inbox.ClientID(id)
	if err := t.putJSON(bClients, id, c); err != nil {
		return err
	}
	if err := t.reindexClient(old, c); err != nil {
		return fmt.Errorf("put client %d: %w", id, err)
	}
	return nil
}

// ClientHistory reads a client's changes in the order they were added.
func (t *tx) ClientHistory(id inbox.ClientID) ([]inbox.ClientChange, error) {
	var out []inbox.ClientChange
	prefix := u64key(uint64(id))
	c := t.bucket(bClientHistory).Cursor()
	for k, v := c.Seek(prefix); hasPrefix(k, prefix); k, v = c.Next() {
		var ch inbox.ClientChange
		if err := json.Unmarshal(v, &ch); err != nil {
			return nil, fmt.Errorf("history of client %d: %w", id, err)
		}
		out = append(out, ch)
	}
	return out, nil
}

// AddClientChange appends to a client's history under clientID ‖ the bucket's sequence.
func (t *tx) AddClientChange(id inbox.ClientID, ch inbox.ClientChange) error {
	if t.get(bClients, u64key(uint64(id))) == nil {
		return notFound("client", uint64(id))
	}
	ch.Client = id
	b := t.bucket(bClientHistory)
	seq, err := b.NextSequence()
	if err == nil {
		var raw []byte
		if raw, err = json.Marshal(ch); err == nil {
			err = b.Put(pair(uint64(id), seq), raw)
		}
	}
	if err != nil {
		return fmt.Errorf("history of client %d: %w", id, err)
	}
	return nil
}

func (t *tx) VisitsOf(id inbox.ClientID) ([]inbox.Visit, error) {
	return ownedBy[inbox.Visit](t, bVisits, bClientVisits, uint64(id))
}

func (t *tx) TasksOf(id inbox.ClientID) ([]inbox.Task, error) {
	return ownedBy[inbox.Task](t, bTasks, bClientTasks, uint64(id))
}

func (t *tx) LeadsOf(id inbox.ClientID) ([]inbox.Lead, error) {
	return ownedBy[inbox.Lead](t, bLeads, bClientLeads, uint64(id))
}

func (t *tx) PutVisit(v *inbox.Visit) error {
	return t.putOwned(bVisits, bClientVisits, uint64(v.ID), uint64(v.Client), v,
		func(id uint64) { v.ID = inbox.VisitID(id) })
}

func (t *tx) PutTask(k *inbox.Task) error {
	return t.putOwned(bTasks, bClientTasks, uint64(k.ID), uint64(k.Client), k,
		func(id uint64) { k.ID = inbox.TaskID(id) })
}

// putOwned stores a record that belongs to a client (rec, a pointer; setID writes the
// assigned id into it before encoding) and moves its clientID‖id index entry when the
// client changed.
func (t *tx) putOwned(name, index bucket, id, client uint64, rec any, setID func(uint64)) error {
	b, ix := t.bucket(name), t.bucket(index)
	if id != 0 {
		var old struct{ Client uint64 }
		if raw := b.Get(u64key(id)); raw != nil && json.Unmarshal(raw, &old) == nil {
			if err := ix.Delete(pair(old.Client, id)); err != nil {
				return fmt.Errorf("put %s %d: %w", name, id, err)
			}
		}
	}
	id, err := t.nextID(b, id)
	if err != nil {
		return fmt.Errorf("put %s: %w", name, err)
	}
	setID(id)
	if err := t.putJSON(name, id, rec); err != nil {
		return err
	}
	if err := ix.Put(pair(client, id), []byte{}); err != nil {
		return fmt.Errorf("put %s %d: %w", name, id, err)
	}
	return nil
}

// ownedBy loads the records of one client through its index, in id order.
func ownedBy[T any](t *tx, name, index bucket, client uint64) ([]T, error) {
	var out []T
	prefix := u64key(client)
	c := t.bucket(index).Cursor()
	for k, _ := c.Seek(prefix); hasPrefix(k, prefix); k, _ = c.Next() {
		var rec T
		if err := json.Unmarshal(t.get(name, k[8:]), &rec); err != nil {
			return nil, fmt.Errorf("%s %d: %w", name, second(k), err)
		}
		out = append(out, rec)
	}
	return out, nil
}
