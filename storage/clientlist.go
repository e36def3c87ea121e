package storage

import (
	"bytes"
	"slices"

	"salonchat/inbox"
)

// ListClients pages the client list or a search in name order; see inbox.ReadTx.
func (t *tx) ListClients(q string, after inbox.ClientCursor, n int) (inbox.ClientPage, error) {
	var from []byte
	if after != (inbox.ClientCursor{}) {
		from = wordKey(after.Key, uint64(after.Client))
	}
	if q == "" {
		return t.listAll(from, n)
	}
	var found map[uint64]string
	if digits := inbox.PhoneQuery(q); digits != "" {
		found = t.clientsWithDigits(digits)
	} else {
		found = t.clientsWithWords(inbox.NameWords(q))
	}
	keys := make([]string, 0, len(found))
	for _, k := range found {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	page := inbox.ClientPage{Total: len(keys)}
	var ids []uint64
	for _, k := range keys {
		if from == nil || bytes.Compare([]byte(k), from) > 0 {
			ids = append(ids, idOf([]byte(k)))
		}
	}
	return t.fillPage(page, ids, n)
}

// listAll walks the list from after the cursor key.
func (t *tx) listAll(from []byte, n int) (inbox.ClientPage, error) {
	page := inbox.ClientPage{Total: t.clientCount()}
	var ids []uint64
	c := t.bucket(bClientOrder).Cursor()
	k, _ := c.First()
	if from != nil {
		if k, _ = c.Seek(from); bytes.Equal(k, from) {
			k, _ = c.Next()
		}
	}
	for ; k != nil && len(ids) <= n; k, _ = c.Next() {
		ids = append(ids, idOf(k))
	}
	return t.fillPage(page, ids, n)
}

// fillPage reads the first n clients of ids; one more id means there is a next page.
func (t *tx) fillPage(page inbox.ClientPage, ids []uint64, n int) (inbox.ClientPage, error) {
	if n <= 0 {
		return page, nil
	}
	for i, id := range ids {
		if i == n {
			last := page.Clients[n-1]
			page.Next = inbox.ClientCursor{Key: inbox.ClientSortKey(last), Client: last.ID}
			break
		}
		c, err := t.Client(inbox.ClientID(id))
		if err != nil {
			return page, err
		}
		page.Clients = append(page.Clients, c)
	}
	return page, nil
}

// clientsWithDigits finds the clients with a phone containing digits: a prefix seek of
// clientphones, then a scan of the small bucket for the digits further in. It returns
// each client's order key by id.
func (t *tx) clientsWithDigits(digits string) map[uint64]string {
	out := map[uint64]string{}
	q := []byte(digits)
	c := t.bucket(bClientPhones).Cursor()
	for k, v := c.Seek(q); hasPrefix(k, q); k, v = c.Next() {
		out[idOf(k)] = string(v)
	}
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if bytes.Index(wordOf(k), q) > 0 {
			out[idOf(k)] = string(v)
		}
	}
	return out
}

// clientsWithWords finds the clients that have, for every query word, a name word
// starting with it, with their order keys by id.
func (t *tx) clientsWithWords(words []string) map[uint64]string {
	if len(words) == 0 {
		return nil
	}
	var set map[uint64]string
	for _, w := range words {
		next := map[uint64]string{}
		p := []byte(w)
		c := t.bucket(bClientNames).Cursor()
		for k, v := c.Seek(p); hasPrefix(k, p); k, v = c.Next() {
			if id := idOf(k); set == nil || set[id] != "" {
				next[id] = string(v)
			}
		}
		set = next
	}
	return set
}

// ClientsByPhone reads the clients listed under exactly this phone.
func (t *tx) ClientsByPhone(phone string) ([]inbox.Client, error) {
	if phone == "" {
		return nil, nil
	}
	var out []inbox.Client
	prefix := append([]byte(phone), 0)
	c := t.bucket(bClientPhones).Cursor()
	for k, _ := c.Seek(prefix); hasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Next() {
		cl, err := t.Client(inbox.ClientID(idOf(k)))
		if err != nil {
			return nil, err
		}
		out = append(out, cl)
	}
	return out, nil
}
