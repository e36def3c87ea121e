package storage

import (
	"bytes"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

func (t *tx) Dialog(id inbox.DialogID) (inbox.Dialog, error) {
	return t.dialog(t.bucket(bDialogs), uint64(id), nil)
}

// dialog reads a dialog; with an arena, its preview shares the arena's blocks.
func (t *tx) dialog(dialogs *bolt.Bucket, id uint64, a *arena) (inbox.Dialog, error) {
	v := dialogs.Get(u64key(id))
	if v == nil {
		return inbox.Dialog{}, notFound("dialog", id)
	}
	d := dec{b: v}
	if a != nil {
		d = a.dec(v)
	}
	g, err := decodeDialog(id, d)
	if err != nil {
		return g, fmt.Errorf("dialog %d: %w", id, err)
	}
	return g, nil
}

func (t *tx) DialogsOfChat(id inbox.ChatID) ([]inbox.Dialog, error) {
	var out []inbox.Dialog
	dialogs := t.bucket(bDialogs)
	prefix := u64key(uint64(id))
	var a arena
	c := t.bucket(bChatDialogs).Cursor()
	for k, _ := c.Seek(prefix); hasPrefix(k, prefix); k, _ = c.Next() {
		g, err := t.dialog(dialogs, second(k), &a)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

// PutDialog stores a dialog and, when its class, assignee or activity time changed, moves
// its two list entries and counters (and its postponed entry) in the same transaction.
func (t *tx) PutDialog(g *inbox.Dialog) error {
	dialogs := t.bucket(bDialogs)
	var old *inbox.Dialog
	if g.ID != 0 {
		if prev, err := t.dialog(dialogs, uint64(g.ID), nil); err == nil {
			old = &prev
		}
	}
	id, err := t.nextID(dialogs, uint64(g.ID))
	if err != nil {
		return fmt.Errorf("put dialog: %w", err)
	}
	g.ID = inbox.DialogID(id)
	if err := dialogs.Put(u64key(id), encodeDialog(g)); err != nil {
		return fmt.Errorf("put dialog %d: %w", id, err)
	}
	if err := t.reindexDialog(old, g); err != nil {
		return fmt.Errorf("put dialog %d: %w", id, err)
	}
	return nil
}

func (t *tx) reindexDialog(old, g *inbox.Dialog) error {
	if old == nil || !listed(old, g) {
		if old != nil {
			if err := t.indexDialog(old, -1); err != nil {
				return err
			}
		}
		if err := t.indexDialog(g, 1); err != nil {
			return err
		}
	}
	if old == nil || old.Status != g.Status || !old.PostponedUntil.Equal(g.PostponedUntil) {
		if old != nil {
			if err := t.indexPostponed(old, false); err != nil {
				return err
			}
		}
		if err := t.indexPostponed(g, true); err != nil {
			return err
		}
	}
	if old == nil || old.Chat != g.Chat {
		cd := t.bucket(bChatDialogs)
		if old != nil {
			if err := cd.Delete(pair(uint64(old.Chat), uint64(g.ID))); err != nil {
				return err
			}
		}
		return cd.Put(pair(uint64(g.Chat), uint64(g.ID)), []byte{})
	}
	return nil
}

func (t *tx) PostponedDue(at time.Time) ([]inbox.DialogID, error) {
	var out []inbox.DialogID
	limit := sortable(nanos(at))
	c := t.bucket(bPostponed).Cursor()
	for k, _ := c.First(); k != nil && keyU64(k) <= limit; k, _ = c.Next() {
		out = append(out, inbox.DialogID(second(k)))
	}
	return out, nil
}

// Dialogs reads one page of a filter tab: it merges the act ranges of the tab's classes
// (at most two) newest first, then reads each row's dialog and chat.
func (t *tx) Dialogs(f inbox.Filter, after inbox.ListCursor, n int) ([]inbox.DialogRow, inbox.ListCursor, error) {
	if n <= 0 || (f.Owner == inbox.OwnerMine && f.Me == 0) {
		return nil, inbox.ListCursor{}, nil
	}
	heads := t.listHeads(f, after)
	rows := make([]inbox.DialogRow, 0, min(n, 256))
	var last []byte
	var a arena
	dialogs, chats := t.bucket(bDialogs), t.bucket(bChats)
	for len(rows) < n {
		h := nextHead(heads)
		if h == nil {
			return rows, inbox.ListCursor{}, nil
		}
		last = h.key
		row, err := t.row(dialogs, chats, actDialog(last), &a)
		if err != nil {
			return nil, inbox.ListCursor{}, err
		}
		rows = append(rows, row)
		h.advance()
	}
	if nextHead(heads) == nil {
		return rows, inbox.ListCursor{}, nil
	}
	return rows, inbox.ListCursor{At: actAt(last), Dialog: inbox.DialogID(actDialog(last))}, nil
}

func (t *tx) row(dialogs, chats *bolt.Bucket, id uint64, a *arena) (inbox.DialogRow, error) {
	g, err := t.dialog(dialogs, id, a)
	if err != nil {
		return inbox.DialogRow{}, err
	}
	c, err := t.chat(chats, uint64(g.Chat), a)
	if err != nil {
		return inbox.DialogRow{}, fmt.Errorf("dialog %d: %w", id, err)
	}
	return inbox.DialogRow{Dialog: g, Chat: c}, nil
}

// listHead walks one class range of the act index.
type listHead struct {
	c      *bolt.Cursor
	prefix []byte
	key    []byte // nil when the range is exhausted
}

func (h *listHead) advance() {
	h.key, _ = h.c.Next()
	if !hasPrefix(h.key, h.prefix) {
		h.key = nil
	}
}

// listHeads positions one cursor per class of the tab just after the list cursor.
func (t *tx) listHeads(f inbox.Filter, after inbox.ListCursor) []*listHead {
	owner := f.OwnerKey()
	act := t.bucket(bAct)
	var heads []*listHead
	for _, class := range f.Status.Classes() {
		h := &listHead{c: act.Cursor(), prefix: actPrefix(owner, uint8(class))}
		start := h.prefix
		if after != (inbox.ListCursor{}) {
			start = actKey(owner, uint8(class), after.At, uint64(after.Dialog))
		}
		h.key, _ = h.c.Seek(start)
		if h.key != nil && len(start) > len(h.prefix) && bytes.Equal(h.key, start) {
			h.key, _ = h.c.Next()
		}
		if !hasPrefix(h.key, h.prefix) {
			h.key = nil
		}
		heads = append(heads, h)
	}
	return heads
}

// nextHead returns the head whose key comes first after owner‖class, i.e. the newest.
func nextHead(heads []*listHead) *listHead {
	var best *listHead
	for _, h := range heads {
		if h.key != nil && (best == nil || bytes.Compare(h.key[9:], best.key[9:]) < 0) {
			best = h
		}
	}
	return best
}
