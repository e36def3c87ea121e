package storage

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

func (t *tx) Chat(id inbox.ChatID) (inbox.Chat, error) {
	return t.chat(uint64(id))
}

// chat reads a chat with its current dialog (currentDialog).
func (t *tx) chat(id uint64) (inbox.Chat, error) {
	c, _, err := t.chatRecord(id)
	if err != nil {
		return c, err
	}
	c.Dialog = inbox.DialogID(t.currentDialog(id, uint64(c.Dialog)))
	return c, nil
}

// chatRecord reads a chat as stored, with its raw value: its Dialog is the one schema 3
// recorded, or 0.
func (t *tx) chatRecord(id uint64) (inbox.Chat, []byte, error) {
	v := t.get(bChats, u64key(id))
	if v == nil {
		return inbox.Chat{}, nil, notFound("chat", id)
	}
	c, err := decodeChat(id, dec{b: v})
	if err != nil {
		return c, nil, fmt.Errorf("chat %d: %w", id, err)
	}
	return c, v, nil
}

func (t *tx) ChatByPeer(account inbox.AccountID, peer inbox.PeerID) (inbox.Chat, bool, error) {
	v := t.get(bPeers, strKey(uint64(account), string(peer)))
	if v == nil {
		return inbox.Chat{}, false, nil
	}
	c, err := t.chat(keyU64(v))
	return c, err == nil, err
}

func (t *tx) ChatsOfClient(id inbox.ClientID) ([]inbox.Chat, error) {
	return t.chatsUnder(t.bucket(bClientChats), u64key(uint64(id)))
}

func (t *tx) ChatsByPhone(phone string) ([]inbox.Chat, error) {
	if phone == "" {
		return nil, nil
	}
	return t.chatsUnder(t.bucket(bPhones), append([]byte(phone), 0))
}

// chatsUnder loads the chats of every key under prefix in an index whose keys end in a
// chat id.
func (t *tx) chatsUnder(index *bolt.Bucket, prefix []byte) ([]inbox.Chat, error) {
	var out []inbox.Chat
	c := index.Cursor()
	for k, _ := c.Seek(prefix); hasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Next() {
		ch, err := t.chat(idOf(k))
		if err != nil {
			return nil, err
		}
		out = append(out, ch)
	}
	return out, nil
}

func (t *tx) WalkChats(fn func(inbox.Chat) error) error {
	c := t.bucket(bChats).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		ch, err := decodeChat(keyU64(k), dec{b: v})
		if err != nil {
			return fmt.Errorf("chat %d: %w", keyU64(k), err)
		}
		ch.Dialog = inbox.DialogID(t.currentDialog(uint64(ch.ID), uint64(ch.Dialog)))
		if err := fn(ch); err != nil {
			return err
		}
	}
	return nil
}

// PutChat stores a chat and moves its peer, phone, name and client index entries from
// the old record's to the new one's. The record keeps a current dialog of schema 3 only
// (a later one is its range's, see currentDialog): a chat whose only change is a new
// dialog is not written at all.
func (t *tx) PutChat(c *inbox.Chat) error {
	chats := t.bucket(bChats)
	var old *inbox.Chat
	var oldValue []byte
	stored := *c
	if c.ID != 0 {
		if prev, v, err := t.chatRecord(uint64(c.ID)); err == nil {
			oldValue = v
			if !t.legacyDialog(uint64(c.Dialog)) {
				stored.Dialog = prev.Dialog
			}
			prev.Dialog = inbox.DialogID(t.currentDialog(uint64(prev.ID), uint64(prev.Dialog)))
			old = &prev
		}
	} else if !t.legacyDialog(uint64(c.Dialog)) {
		stored.Dialog = 0
	}
	id, err := t.nextID(chats, uint64(c.ID))
	if err != nil {
		return fmt.Errorf("put chat: %w", err)
	}
	if v := t.get(bPeers, strKey(uint64(c.Account), string(c.Peer))); v != nil && keyU64(v) != id {
		return fmt.Errorf("put chat %d: peer %q of account %d is chat %d", id, c.Peer, c.Account, keyU64(v))
	}
	c.ID, stored.ID = inbox.ChatID(id), inbox.ChatID(id)
	value := encodeChat(&stored)
	if oldValue != nil && bytes.Equal(oldValue, value) {
		return nil
	}
	if err := chats.Put(u64key(id), value); err != nil {
		return fmt.Errorf("put chat %d: %w", id, err)
	}
	if err := t.reindexChat(old, c); err != nil {
		return fmt.Errorf("put chat %d: %w", id, err)
	}
	return nil
}

// reindexChat replaces old's index entries (old may be nil) by c's, touching only the
// keys that differ: renaming a chat rewrites its name words and nothing else.
func (t *tx) reindexChat(old, c *inbox.Chat) error {
	for _, ix := range chatIndexes {
		var before [][]byte
		if old != nil {
			before = ix.keys(old)
		}
		val := []byte{}
		if ix.valued {
			val = u64key(uint64(c.ID))
		}
		if err := syncKeys(t.bucket(ix.bucket), before, ix.keys(c), val); err != nil {
			return fmt.Errorf("index %s: %w", ix.bucket, err)
		}
	}
	return nil
}

// chatIndexes lists the indexes derived from a chat record and the keys each holds for
// it. Only peers has a value (the chat id); the others end their keys with the chat id.
var chatIndexes = []struct {
	bucket bucket
	valued bool
	keys   func(*inbox.Chat) [][]byte
}{
	{bPeers, true, func(c *inbox.Chat) [][]byte {
		return [][]byte{strKey(uint64(c.Account), string(c.Peer))}
	}},
	{bPhones, false, func(c *inbox.Chat) [][]byte {
		if c.Phone == "" {
			return nil
		}
		return [][]byte{wordKey(c.Phone, uint64(c.ID))}
	}},
	{bNames, false, func(c *inbox.Chat) [][]byte {
		var ks [][]byte
		for _, w := range chatWords(c) {
			ks = append(ks, wordKey(w, uint64(c.ID)))
		}
		return ks
	}},
	{bClientChats, false, func(c *inbox.Chat) [][]byte {
		if c.Client == 0 {
			return nil
		}
		return [][]byte{pair(uint64(c.Client), uint64(c.ID))}
	}},
}

// syncKeys deletes the keys of before that are not in after and puts those of after that
// are not in before, with the value val.
func syncKeys(b *bolt.Bucket, before, after [][]byte, val []byte) error {
	in := func(k []byte, set [][]byte) bool {
		for _, s := range set {
			if string(s) == string(k) {
				return true
			}
		}
		return false
	}
	for _, k := range before {
		if !in(k, after) {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
	}
	for _, k := range after {
		if !in(k, before) {
			if err := b.Put(k, val); err != nil {
				return err
			}
		}
	}
	return nil
}

func hasPrefix(k, prefix []byte) bool {
	return k != nil && len(k) >= len(prefix) && string(k[:len(prefix)]) == string(prefix)
}
