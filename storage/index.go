package storage

import (
	"fmt"

	"salonchat/inbox"
)

// The dialog list index (act), its counters and the postponed index are derived from
// dialog records. PutDialog removes the old record's entries and adds the new one's in
// the same transaction, so the lists and the 12 filter counts never drift from the data.

// owners are the two owner keys a dialog is listed under: its assignee (0 when none) and
// AllOwners for "Все".
func owners(g *inbox.Dialog) [2]uint64 { return [2]uint64{uint64(g.Assignee), inbox.AllOwners} }

// listed reports whether two versions of a dialog sit at the same place in every list.
func listed(a, b *inbox.Dialog) bool {
	return a.Class() == b.Class() && a.Assignee == b.Assignee && nanos(a.LastActivity) == nanos(b.LastActivity)
}

// counted reports whether two versions of a dialog count under the same owners and
// class, so that moving one to the other leaves every counter as it is.
func counted(a, b *inbox.Dialog) bool {
	return a.Class() == b.Class() && a.Assignee == b.Assignee
}

// indexDialog adds (delta 1) or removes (delta -1) a dialog's act entries and, with
// count, its counters.
func (t *tx) indexDialog(g *inbox.Dialog, delta int64, count bool) error {
	act := t.bucket(bAct)
	class, at, id := uint8(g.Class()), nanos(g.LastActivity), uint64(g.ID)
	for _, owner := range owners(g) {
		k := actKey(owner, class, at, id)
		var err error
		if delta > 0 {
			err = act.Put(k, []byte{})
		} else {
			err = act.Delete(k)
		}
		if err == nil && count {
			err = incr(t.bucket(bCounters), counterKey(owner, class), delta)
		}
		if err != nil {
			return fmt.Errorf("index dialog %d: %w", id, err)
		}
	}
	return nil
}

// indexPostponed adds or removes the postponed entry of a dialog that is postponed.
func (t *tx) indexPostponed(g *inbox.Dialog, add bool) error {
	if g.Status != inbox.DialogPostponed {
		return nil
	}
	b, k := t.bucket(bPostponed), postponedKey(g.PostponedUntil, uint64(g.ID))
	if add {
		return b.Put(k, []byte{})
	}
	return b.Delete(k)
}

func (t *tx) ClassCounts(owner uint64) (inbox.ClassCounts, error) {
	out := inbox.ClassCounts{}
	prefix := u64key(owner)
	c := t.bucket(bCounters).Cursor()
	for k, v := c.Seek(prefix); hasPrefix(k, prefix); k, v = c.Next() {
		out[inbox.Class(k[8])] = int(keyU64(v))
	}
	return out, nil
}
