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

func (t *tx) PutClient(c *inbox.Client) error {
	id, err := t.nextID(t.bucket(bClients), uint64(c.ID))
	if err != nil {
		return fmt.Errorf("put client: %w", err)
	}
	c.ID = inbox.ClientID(id)
	return t.putJSON(bClients, id, c)
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

func (t *tx) PutLead(l *inbox.Lead) error {
	return t.putOwned(bLeads, bClientLeads, uint64(l.ID), uint64(l.Client), l,
		func(id uint64) { l.ID = inbox.LeadID(id) })
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
