package storage

import (
	"bytes"
	"strings"
	"unicode"

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
// that found fewer than limit, scans the small phones bucket for the digits anywhere.
func (t *tx) searchPhone(digits string, limit int) []inbox.ChatID {
	q := []byte(digits)
	seen := make(map[uint64]bool)
	var out []inbox.ChatID
	add := func(k []byte) bool {
		if id := idOf(k); !seen[id] {
			seen[id] = true
			out = append(out, inbox.ChatID(id))
		}
		return len(out) < limit
	}
	c := t.bucket(bPhones).Cursor()
	for k, _ := c.Seek(q); hasPrefix(k, q); k, _ = c.Next() {
		if !add(k) {
			return out
		}
	}
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		// Numbers that start with q were taken above; Index > 0 skips them cheaply.
		if bytes.Index(wordOf(k), q) > 0 && !add(k) {
			break
		}
	}
	return out
}

// searchName seeks the longest query word as a word prefix in the names index and, for a
// query of several words, keeps the chats where every other word starts a word too.
func (t *tx) searchName(q string, limit int) ([]inbox.ChatID, error) {
	words := splitWords(q)
	if len(words) == 0 {
		return nil, nil
	}
	seek := words[0]
	for _, w := range words[1:] {
		if len(w) > len(seek) {
			seek = w
		}
	}
	seen := make(map[uint64]bool)
	var out []inbox.ChatID
	chats := t.bucket(bChats)
	c := t.bucket(bNames).Cursor()
	p := []byte(seek)
	for k, _ := c.Seek(p); hasPrefix(k, p) && len(out) < limit; k, _ = c.Next() {
		id := idOf(k)
		if seen[id] {
			continue
		}
		seen[id] = true
		if len(words) > 1 {
			ch, err := t.chat(chats, id)
			if err != nil {
				return nil, err
			}
			if !allPrefixes(words, chatWords(&ch)) {
				continue
			}
		}
		out = append(out, inbox.ChatID(id))
	}
	return out, nil
}

// allPrefixes reports whether every query word starts some word of the chat.
func allPrefixes(query, words []string) bool {
	for _, q := range query {
		found := false
		for _, w := range words {
			if strings.HasPrefix(w, q) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
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
