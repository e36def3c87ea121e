package storage

import (
	"fmt"
	"slices"

	"salonchat/inbox"
)

// The dialog list index (act), its counters and the postponed index are derived from
// dialog records. PutDialog removes the old record's entries and adds the new one's in
// the same transaction, so the lists and the 12 filter counts never drift from the data.

// listed reports whether two versions of a dialog sit at the same place in every list.
func listed(a, b *inbox.Dialog) bool {
	return a.Class() == b.Class() && a.Assignee == b.Assignee && nanos(a.LastActivity) == nanos(b.LastActivity)
}

// counted reports whether two versions of a dialog count under the same owners and
// class, so that moving one to the other leaves every counter as it is.
func counted(a, b *inbox.Dialog) bool {
	return a.Class() == b.Class() && a.Assignee == b.Assignee
}

// indexDialog adds (delta 1) or removes (delta -1) a dialog's act entry under its
// assignee (0 when none) and, with count, its counter. "Все" has no entries of its own
// since schema 4: it merges every owner's ranges (ownersOf), so a receive moves one
// entry, not two — each is a scattered page write.
func (t *tx) indexDialog(g *inbox.Dialog, delta int64, count bool) error {
	class, at, id, owner := uint8(g.Class()), nanos(g.LastActivity), uint64(g.ID), uint64(g.Assignee)
	k := actKey(owner, class, at, id)
	var err error
	if delta > 0 {
		err = t.bucket(bAct).Put(k, []byte{})
	} else {
		err = t.bucket(bAct).Delete(k)
	}
	if err == nil && count {
		err = incr(t.bucket(bCounters), counterKey(owner, class), delta)
	}
	if err != nil {
		return fmt.Errorf("index dialog %d: %w", id, err)
	}
	return nil
}

// ownersOf lists the owners with at least one dialog in one of classes, from the
// counters (a counter exists only while non-zero): the ranges "Все" merges.
func (t *tx) ownersOf(classes []inbox.Class) []uint64 {
	var out []uint64
	c := t.bucket(bCounters).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		owner := keyU64(k)
		if slices.Contains(classes, inbox.Class(k[8])) && (len(out) == 0 || out[len(out)-1] != owner) {
			out = append(out, owner)
		}
	}
	return out
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

// ClassCounts reads one owner's counters, or for AllOwners sums everyone's (a few dozen
// keys at most).
func (t *tx) ClassCounts(owner uint64) (inbox.ClassCounts, error) {
	out := inbox.ClassCounts{}
	c := t.bucket(bCounters).Cursor()
	if owner == inbox.AllOwners {
		for k, v := c.First(); k != nil; k, v = c.Next() {
			out[inbox.Class(k[8])] += int(keyU64(v))
		}
		return out, nil
	}
	prefix := u64key(owner)
	for k, v := c.Seek(prefix); hasPrefix(k, prefix); k, v = c.Next() {
		out[inbox.Class(k[8])] = int(keyU64(v))
	}
	return out, nil
}
