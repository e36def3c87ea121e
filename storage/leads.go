package storage

import (
	"encoding/json"
	"fmt"

	"salonchat/inbox"
)

// Leads are JSON records with three derived entries: clientleads (clientID ‖ leadID, 0
// for a lead without a client), leadstatus (status ‖ 0 ‖ ^leadID, newest first) and the
// count of their status in leadcounts (key status ‖ 0, so that no key is empty). PutLead moves them in the same transaction.

func (t *tx) Lead(id inbox.LeadID) (l inbox.Lead, err error) {
	err = t.getJSON(bLeads, uint64(id), &l)
	return l, err
}

// leadStatusKey is status ‖ 0 ‖ ^id: a forward walk of one status is newest first.
func leadStatusKey(status inbox.LeadStatus, id uint64) []byte { return wordKey(string(status), ^id) }

// PutLead stores a lead and moves its index entries and count.
func (t *tx) PutLead(l *inbox.Lead) error {
	if l.ID != 0 {
		if old, err := t.Lead(l.ID); err == nil {
			if err := t.indexLead(&old, -1); err != nil {
				return err
			}
		}
	}
	id, err := t.nextID(t.bucket(bLeads), uint64(l.ID))
	if err != nil {
		return fmt.Errorf("put lead: %w", err)
	}
	l.ID = inbox.LeadID(id)
	if err := t.putJSON(bLeads, id, l); err != nil {
		return err
	}
	return t.indexLead(l, 1)
}

// indexLead adds (delta 1) or removes (delta -1) a lead's index entries and count.
func (t *tx) indexLead(l *inbox.Lead, delta int64) error {
	id := uint64(l.ID)
	entries := []struct {
		b bucket
		k []byte
	}{{bClientLeads, pair(uint64(l.Client), id)}, {bLeadStatus, leadStatusKey(l.Status, id)}}
	for _, e := range entries {
		var err error
		if delta > 0 {
			err = t.bucket(e.b).Put(e.k, []byte{})
		} else {
			err = t.bucket(e.b).Delete(e.k)
		}
		if err != nil {
			return fmt.Errorf("index lead %d: %w", id, err)
		}
	}
	if err := incr(t.bucket(bLeadCounts), append([]byte(l.Status), 0), delta); err != nil {
		return fmt.Errorf("index lead %d: %w", id, err)
	}
	return nil
}

// Leads pages the lead list newest first; see inbox.ReadTx.
func (t *tx) Leads(status inbox.LeadStatus, after inbox.LeadID, n int) ([]inbox.Lead, inbox.LeadID, error) {
	if n <= 0 {
		return nil, 0, nil
	}
	var ids []uint64
	if status == "" {
		ids = t.newestLeads(uint64(after), n+1)
	} else {
		ids = t.newestOfStatus(status, uint64(after), n+1)
	}
	var out []inbox.Lead
	for i, id := range ids {
		if i == n {
			return out, out[n-1].ID, nil
		}
		var l inbox.Lead
		if err := json.Unmarshal(t.get(bLeads, u64key(id)), &l); err != nil {
			return nil, 0, fmt.Errorf("lead %d: %w", id, err)
		}
		out = append(out, l)
	}
	return out, 0, nil
}

// newestLeads walks the leads bucket backwards from below after (0: the end).
func (t *tx) newestLeads(after uint64, n int) []uint64 {
	var ids []uint64
	c := t.bucket(bLeads).Cursor()
	k, _ := c.Last()
	if after != 0 {
		if k, _ = c.Seek(u64key(after)); k == nil {
			k, _ = c.Last()
		} else {
			k, _ = c.Prev()
		}
	}
	for ; k != nil && len(ids) < n; k, _ = c.Prev() {
		ids = append(ids, keyU64(k))
	}
	return ids
}

// newestOfStatus walks one status of leadstatus from below after (0: the newest).
func (t *tx) newestOfStatus(status inbox.LeadStatus, after uint64, n int) []uint64 {
	var ids []uint64
	prefix := append([]byte(status), 0)
	from := prefix
	if after != 0 {
		from = leadStatusKey(status, after-1)
	}
	c := t.bucket(bLeadStatus).Cursor()
	for k, _ := c.Seek(from); hasPrefix(k, prefix) && len(ids) < n; k, _ = c.Next() {
		ids = append(ids, ^idOf(k))
	}
	return ids
}

// LeadCounts reads the maintained count of each status.
func (t *tx) LeadCounts() (inbox.LeadCounts, error) {
	out := inbox.LeadCounts{}
	err := t.bucket(bLeadCounts).ForEach(func(k, v []byte) error {
		out[inbox.LeadStatus(k[:len(k)-1])] = int(keyU64(v))
		return nil
	})
	return out, err
}
