package storage

import (
	"bytes"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

func (t *tx) Dialog(id inbox.DialogID) (inbox.Dialog, error) {
	return t.dialog(uint64(id))
}

func (t *tx) dialog(id uint64) (inbox.Dialog, error) {
	v := t.dialogValue(id)
	if v == nil {
		return inbox.Dialog{}, notFound("dialog", id)
	}
	g, err := decodeDialog(id, dec{b: v})
	if err != nil {
		return g, fmt.Errorf("dialog %d: %w", id, err)
	}
	return g, nil
}

// dialogValue is the stored record of a dialog: in its chat's range, or in dialogs for
// one opened before schema 4.
func (t *tx) dialogValue(id uint64) []byte {
	if t.legacyDialog(id) {
		return t.get(bDialogs, u64key(id))
	}
	return t.get(bMsgs, dialogRangeKey(chatOfID(id), id))
}

// dialogAndCurrent returns a dialog's record and its chat's current dialog when the
// chat's range has one (0: the chat record's). A list row needs both; for a dialog in
// the range the current one is found by stepping to the next key, not by a new search.
func (t *tx) dialogAndCurrent(id uint64) ([]byte, uint64) {
	if t.legacyDialog(id) {
		v := t.get(bDialogs, u64key(id))
		if len(v) < 8 {
			return v, 0
		}
		return v, t.currentDialog(keyU64(v), 0)
	}
	chat := chatOfID(id)
	key := dialogRangeKey(chat, id)
	c := t.cursor(bMsgs)
	k, v := c.Seek(key)
	if !bytes.Equal(k, key) {
		return nil, 0
	}
	cur, prefix := id, key[:17]
	for k, _ = c.Next(); hasPrefix(k, prefix) && len(k) == 25; k, _ = c.Next() {
		cur = keyU64(k[17:])
	}
	return v, cur
}

// DialogsOfChat lists a chat's dialogs oldest first: those of schema 3 through
// chatdialogs, then those in the chat's range.
func (t *tx) DialogsOfChat(id inbox.ChatID) ([]inbox.Dialog, error) {
	var ids []uint64
	prefix := u64key(uint64(id))
	c := t.bucket(bChatDialogs).Cursor()
	for k, _ := c.Seek(prefix); hasPrefix(k, prefix); k, _ = c.Next() {
		ids = append(ids, second(k))
	}
	prefix = rangeKey(uint64(id), rangeDialog, nil)
	c = t.bucket(bMsgs).Cursor()
	for k, _ := c.Seek(prefix); hasPrefix(k, prefix); k, _ = c.Next() {
		ids = append(ids, keyU64(k[len(prefix):]))
	}
	out := make([]inbox.Dialog, 0, len(ids))
	for _, d := range ids {
		g, err := t.dialog(d)
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
		if prev, err := t.dialog(uint64(g.ID)); err == nil {
			old = &prev
		}
	}
	var id uint64
	var err error
	if g.ID != 0 && t.legacyDialog(uint64(g.ID)) {
		id, err = t.nextID(dialogs, uint64(g.ID))
	} else {
		id, err = t.nextScoped(dialogs, uint64(g.ID), uint64(g.Chat))
	}
	if err != nil {
		return fmt.Errorf("put dialog: %w", err)
	}
	g.ID = inbox.DialogID(id)
	if t.legacyDialog(id) {
		err = dialogs.Put(u64key(id), encodeDialog(g))
	} else {
		err = t.bucket(bMsgs).Put(dialogRangeKey(uint64(g.Chat), id), encodeDialog(g))
	}
	if err != nil {
		return fmt.Errorf("put dialog %d: %w", id, err)
	}
	if err := t.reindexDialog(old, g); err != nil {
		return fmt.Errorf("put dialog %d: %w", id, err)
	}
	return nil
}

func (t *tx) reindexDialog(old, g *inbox.Dialog) error {
	if old == nil || !listed(old, g) {
		// A new message to a dialog that stays in its tab only moves it to the top: its
		// counters stay, and the counters' page is not rewritten.
		count := old == nil || !counted(old, g)
		if old != nil {
			if err := t.indexDialog(old, -1, count); err != nil {
				return err
			}
		}
		if err := t.indexDialog(g, 1, count); err != nil {
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
	if t.legacyDialog(uint64(g.ID)) && (old == nil || old.Chat != g.Chat) {
		// A dialog of schema 4 is listed by its chat's range (and cannot change chats:
		// its id names the chat).
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
// (at most two per owner; every owner's for "Все") newest first, then reads each row's
// dialog and chat and decodes them all from one copy (copyOut).
func (t *tx) Dialogs(f inbox.Filter, after inbox.ListCursor, n int) ([]inbox.DialogRow, inbox.ListCursor, error) {
	if n <= 0 || (f.Owner == inbox.OwnerMine && f.Me == 0) {
		return nil, inbox.ListCursor{}, nil
	}
	heads := t.listHeads(f, after)
	var ids []uint64
	var last []byte
	for len(ids) < n {
		h := nextHead(heads)
		if h == nil {
			break
		}
		last = h.key
		ids = append(ids, actDialog(last))
		h.advance()
	}
	var next inbox.ListCursor
	if len(ids) == n && nextHead(heads) != nil {
		next = inbox.ListCursor{At: actAt(last), Dialog: inbox.DialogID(actDialog(last))}
	}
	rows, err := t.rows(ids)
	if err != nil {
		return nil, inbox.ListCursor{}, err
	}
	return rows, next, nil
}

// rows reads the dialogs and their chats: values first (a dialog value starts with its
// chat id), then one copy of them all, then the decoding.
func (t *tx) rows(ids []uint64) ([]inbox.DialogRow, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	vals := make([]kv, 2*len(ids))
	current := make([]uint64, len(ids))
	for i, id := range ids {
		v, cur := t.dialogAndCurrent(id)
		if len(v) < 8 {
			return nil, notFound("dialog", id)
		}
		c := t.get(bChats, v[:8])
		if c == nil {
			return nil, fmt.Errorf("dialog %d: %w", id, notFound("chat", keyU64(v)))
		}
		vals[2*i].v, vals[2*i+1].v, current[i] = v, c, cur
	}
	rows := make([]inbox.DialogRow, len(ids))
	err := decoders(vals, copyOut(vals), func(i int, d dec) error {
		r, id := &rows[i/2], ids[i/2]
		var err error
		if i%2 == 0 {
			r.Dialog, err = decodeDialog(id, d)
		} else {
			r.Chat, err = decodeChat(uint64(r.Dialog.Chat), d)
			if current[i/2] != 0 {
				r.Chat.Dialog = inbox.DialogID(current[i/2])
			}
		}
		if err != nil {
			return fmt.Errorf("row of dialog %d: %w", id, err)
		}
		return nil
	})
	return rows, err
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

// listHeads positions one cursor per owner and class of the tab just after the list
// cursor: one owner, or for "Все" every owner with dialogs in those classes.
func (t *tx) listHeads(f inbox.Filter, after inbox.ListCursor) []*listHead {
	classes := f.Status.Classes()
	owners := []uint64{f.OwnerKey()}
	if owners[0] == inbox.AllOwners {
		owners = t.ownersOf(classes)
	}
	act := t.bucket(bAct)
	var heads []*listHead
	for _, owner := range owners {
		for _, class := range classes {
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
