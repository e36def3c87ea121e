package inboxtest

import (
	"cmp"
	"slices"
	"strings"

	"salonchat/inbox"
)

// The client list, client phone lookups, the history and the lead list, by scanning.

// ListClients filters every client that is not merged, sorts by ClientSortKey and id,
// and pages after the cursor.
func (t *memTx) ListClients(q string, after inbox.ClientCursor, n int) (inbox.ClientPage, error) {
	var all []inbox.Client
	for _, c := range t.st.clients {
		if c.MergedInto == 0 && clientMatches(c, q) {
			all = append(all, c)
		}
	}
	key := func(c inbox.Client) inbox.ClientCursor {
		return inbox.ClientCursor{Key: inbox.ClientSortKey(c), Client: c.ID}
	}
	slices.SortFunc(all, func(a, b inbox.Client) int { return compareCursor(key(a), key(b)) })
	page := inbox.ClientPage{Total: len(all)}
	if n <= 0 {
		return page, nil
	}
	for _, c := range all {
		if after != (inbox.ClientCursor{}) && compareCursor(key(c), after) <= 0 {
			continue
		}
		if len(page.Clients) == n {
			page.Next = key(page.Clients[n-1])
			break
		}
		c.Phones = slices.Clone(c.Phones)
		page.Clients = append(page.Clients, c)
	}
	return page, nil
}

func compareCursor(a, b inbox.ClientCursor) int {
	return cmp.Or(strings.Compare(a.Key, b.Key), cmp.Compare(a.Client, b.Client))
}

// clientMatches is the search of inbox.ReadTx.ListClients: phone digits anywhere in a
// phone, or every query word starting a word of the names.
func clientMatches(c inbox.Client, q string) bool {
	if strings.TrimSpace(q) == "" {
		return true
	}
	if digits := inbox.PhoneQuery(q); digits != "" {
		return slices.ContainsFunc(c.Phones, func(p string) bool { return strings.Contains(p, digits) })
	}
	words := inbox.ClientWords(c)
	qs := inbox.NameWords(q)
	for _, w := range qs {
		if !slices.ContainsFunc(words, func(x string) bool { return strings.HasPrefix(x, w) }) {
			return false
		}
	}
	return len(qs) > 0
}

func (t *memTx) ClientsByPhone(phone string) ([]inbox.Client, error) {
	var out []inbox.Client
	for _, c := range sortedValues(t.st.clients) {
		if phone != "" && c.MergedInto == 0 && slices.Contains(c.Phones, phone) {
			c.Phones = slices.Clone(c.Phones)
			out = append(out, c)
		}
	}
	return out, nil
}

func (t *memTx) ClientHistory(id inbox.ClientID) ([]inbox.ClientChange, error) {
	return slices.Clone(t.st.history[id]), nil
}

func (t *memTx) AddClientChange(id inbox.ClientID, ch inbox.ClientChange) error {
	if !t.write {
		return errReadOnly
	}
	if _, ok := t.st.clients[id]; !ok {
		return inbox.ErrNotFound
	}
	ch.Client = id
	t.st.history[id] = append(t.st.history[id], ch)
	return nil
}

func (t *memTx) Lead(id inbox.LeadID) (inbox.Lead, error) { return get(t.st.leads, id) }

// Leads walks every lead newest first and pages by id.
func (t *memTx) Leads(status inbox.LeadStatus, after inbox.LeadID, n int) ([]inbox.Lead, inbox.LeadID, error) {
	if n <= 0 {
		return nil, 0, nil
	}
	all := sortedValues(t.st.leads)
	slices.Reverse(all)
	var out []inbox.Lead
	for _, l := range all {
		if (status != "" && l.Status != status) || (after != 0 && l.ID >= after) {
			continue
		}
		if len(out) == n {
			return out, out[n-1].ID, nil
		}
		out = append(out, l)
	}
	return out, 0, nil
}

func (t *memTx) LeadCounts() (inbox.LeadCounts, error) {
	out := inbox.LeadCounts{}
	for _, l := range t.st.leads {
		out[l.Status]++
	}
	return out, nil
}
