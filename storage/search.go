package storage

import (
	"bytes"
	"slices"
	"strings"
	"unicode"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

// SearchChats finds chats by phone digits or by name word prefix; see inbox.ReadTx.
func (t *tx) SearchChats(q string, limit int) ([]inbox.ChatID, error) {
	if limit <= 0 {
		return nil, nil
	}
	if digits := inbox.PhoneQuery(q); digits != "" {
		return t.searchPhone(digits, limit), nil
	}
	return t.searchName(q, limit)
}

// searchPhone seeks the numbers that start with digits (a handful of pages), then, when
// that found fewer than limit, scans the small phones bucket for the digits anywhere. A
// chat has one phone key, so no chat can come up twice.
func (t *tx) searchPhone(digits string, limit int) []inbox.ChatID {
	q := []byte(digits)
	out := make([]inbox.ChatID, 0, min(limit, 64))
	c := t.bucket(bPhones).Cursor()
	for k, _ := c.Seek(q); hasPrefix(k, q); k, _ = c.Next() {
		if out = append(out, inbox.ChatID(idOf(k))); len(out) == limit {
			return out
		}
	}
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		// Numbers that start with q were taken above; Index > 0 skips them.
		if bytes.Index(wordOf(k), q) > 0 {
			if out = append(out, inbox.ChatID(idOf(k))); len(out) == limit {
				break
			}
		}
	}
	return out
}

// searchName finds chats with a word starting with each query word. One word is one
// prefix walk of the names index; several are intersected by chat id, shortest set last,
// without reading any chat.
func (t *tx) searchName(q string, limit int) ([]inbox.ChatID, error) {
	words := splitWords(q)
	if len(words) == 0 {
		return nil, nil
	}
	names := t.bucket(bNames)
	if len(words) == 1 {
		var out []inbox.ChatID
		walkPrefix(names.Cursor(), words[0], func(id uint64) bool {
			if !slices.Contains(out, inbox.ChatID(id)) {
				out = append(out, inbox.ChatID(id))
			}
			return len(out) < limit
		})
		return out, nil
	}
	// Longer words match fewer chats: start from the longest.
	slices.SortFunc(words, func(a, b string) int { return len(b) - len(a) })
	set := map[uint64]bool{}
	walkPrefix(names.Cursor(), words[0], func(id uint64) bool { set[id] = true; return true })
	for _, w := range words[1:] {
		next := map[uint64]bool{}
		walkPrefix(names.Cursor(), w, func(id uint64) bool {
			if set[id] {
				next[id] = true
			}
			return true
		})
		set = next
	}
	out := make([]inbox.ChatID, 0, len(set))
	for id := range set {
		out = append(out, inbox.ChatID(id))
	}
	slices.Sort(out)
	return out[:min(len(out), limit)], nil
}

// walkPrefix calls fn with the chat id of every names key starting with word, until fn
// returns false.
func walkPrefix(c *bolt.Cursor, word string, fn func(id uint64) bool) {
	p := []byte(word)
	for k, _ := c.Seek(p); hasPrefix(k, p); k, _ = c.Next() {
		if !fn(idOf(k)) {
			return
		}
	}
}

// chatWords are the distinct searchable words of a chat: its name, username and the
// linked client's name, so that a surname or a nickname finds the chat.
func chatWords(c *inbox.Chat) []string {
	var out []string
	for _, s := range []string{c.Name, c.Username, c.ClientName} {
		for _, w := range splitWords(s) {
			dup := false
			for _, o := range out {
				dup = dup || o == w
			}
			if !dup {
				out = append(out, w)
			}
		}
	}
	return out
}

// splitWords lower-cases s in Go (bbolt has no collation), folds ё into е as people type
// it either way, and splits at everything that is not a letter or a digit.
func splitWords(s string) []string {
	s = strings.ReplaceAll(strings.ToLower(s), "ё", "е")
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
