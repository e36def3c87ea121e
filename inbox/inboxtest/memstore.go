package inboxtest

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"salonchat/inbox"
)

// MemStore is an in-memory inbox.Store for tests. It favours obviousness over speed:
// lists and searches scan everything. Update works on a copy of the state and keeps it
// only when fn succeeds, so a failed transaction leaves nothing behind.
type MemStore struct {
	mu     sync.RWMutex
	st     *memState
	closed bool
}

var _ inbox.Store = (*MemStore)(nil)

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore { return &MemStore{st: newMemState()} }

type memState struct {
	seq       uint64
	operators map[inbox.OperatorID]inbox.Operator
	accounts  map[inbox.AccountID]inbox.Account
	chats     map[inbox.ChatID]inbox.Chat
	dialogs   map[inbox.DialogID]inbox.Dialog
	messages  map[inbox.MessageID]inbox.Message
	delivery  map[inbox.MessageID]inbox.Delivery
	revisions map[inbox.MessageID][]inbox.Revision
	ext       map[inbox.ChatID]map[inbox.ExternalID]inbox.MessageID
	clients   map[inbox.ClientID]inbox.Client
	visits    map[inbox.VisitID]inbox.Visit
	tasks     map[inbox.TaskID]inbox.Task
	leads     map[inbox.LeadID]inbox.Lead
	templates map[inbox.TemplateID]inbox.Template
	history   map[inbox.ClientID][]inbox.ClientChange
	salon     inbox.Salon
	// Telegram Business (membusiness.go).
	connections map[connKey]inbox.Connection
	deleted     map[inbox.MessageID]time.Time
	lastIn      map[inbox.ChatID]time.Time
}

func newMemState() *memState {
	return &memState{
		operators: map[inbox.OperatorID]inbox.Operator{}, accounts: map[inbox.AccountID]inbox.Account{},
		chats: map[inbox.ChatID]inbox.Chat{}, dialogs: map[inbox.DialogID]inbox.Dialog{},
		messages: map[inbox.MessageID]inbox.Message{}, delivery: map[inbox.MessageID]inbox.Delivery{},
		revisions: map[inbox.MessageID][]inbox.Revision{}, ext: map[inbox.ChatID]map[inbox.ExternalID]inbox.MessageID{},
		clients: map[inbox.ClientID]inbox.Client{}, visits: map[inbox.VisitID]inbox.Visit{},
		tasks: map[inbox.TaskID]inbox.Task{}, leads: map[inbox.LeadID]inbox.Lead{},
		templates: map[inbox.TemplateID]inbox.Template{}, history: map[inbox.ClientID][]inbox.ClientChange{},
		connections: map[connKey]inbox.Connection{}, deleted: map[inbox.MessageID]time.Time{},
		lastIn: map[inbox.ChatID]time.Time{},
	}
}

// clone copies the state deeply enough that writes to the copy never show in the
// original: records are values, and the few nested maps and slices are copied.
func (s *memState) clone() *memState {
	c := *s
	c.operators, c.accounts, c.chats = maps.Clone(s.operators), maps.Clone(s.accounts), maps.Clone(s.chats)
	c.dialogs, c.messages, c.delivery = maps.Clone(s.dialogs), maps.Clone(s.messages), maps.Clone(s.delivery)
	c.revisions = make(map[inbox.MessageID][]inbox.Revision, len(s.revisions))
	for k, v := range s.revisions {
		c.revisions[k] = slices.Clone(v)
	}
	c.ext = make(map[inbox.ChatID]map[inbox.ExternalID]inbox.MessageID, len(s.ext))
	for k, v := range s.ext {
		c.ext[k] = maps.Clone(v)
	}
	c.clients, c.visits, c.tasks = maps.Clone(s.clients), maps.Clone(s.visits), maps.Clone(s.tasks)
	c.leads, c.templates = maps.Clone(s.leads), maps.Clone(s.templates)
	c.connections, c.deleted, c.lastIn = maps.Clone(s.connections), maps.Clone(s.deleted), maps.Clone(s.lastIn)
	c.history = make(map[inbox.ClientID][]inbox.ClientChange, len(s.history))
	for k, v := range s.history {
		c.history[k] = slices.Clone(v)
	}
	return &c
}

// View runs fn on the current state.
func (m *MemStore) View(fn func(inbox.ReadTx) error) error {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return fn(&memTx{st: m.st})
}

// Update runs fn on a copy of the state and keeps the copy when fn succeeds.
func (m *MemStore) Update(fn func(inbox.Tx) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	next := m.st.clone()
	if err := fn(&memTx{st: next, write: true}); err != nil {
		return err
	}
	m.st = next
	return nil
}

// Batch is Update: a MemStore has nothing to gain from grouping.
func (m *MemStore) Batch(fn func(inbox.Tx) error) error { return m.Update(fn) }

// Close does nothing.
func (m *MemStore) Close() error { return nil }

type memTx struct {
	st    *memState
	write bool
}

func (t *memTx) next() uint64 { t.st.seq++; return t.st.seq }

func get[K comparable, V any](m map[K]V, k K) (V, error) {
	v, ok := m[k]
	if !ok {
		return v, inbox.ErrNotFound
	}
	return v, nil
}

func sortedValues[K ~uint64, V any](m map[K]V) []V {
	keys := slices.Sorted(maps.Keys(m))
	out := make([]V, 0, len(keys))
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out
}

func (t *memTx) Operator(id inbox.OperatorID) (inbox.Operator, error) { return get(t.st.operators, id) }
func (t *memTx) Operators() ([]inbox.Operator, error)                 { return sortedValues(t.st.operators), nil }
func (t *memTx) Account(id inbox.AccountID) (inbox.Account, error)    { return get(t.st.accounts, id) }
func (t *memTx) Accounts() ([]inbox.Account, error)                   { return sortedValues(t.st.accounts), nil }
func (t *memTx) Chat(id inbox.ChatID) (inbox.Chat, error)             { return get(t.st.chats, id) }
func (t *memTx) Dialog(id inbox.DialogID) (inbox.Dialog, error)       { return get(t.st.dialogs, id) }
func (t *memTx) Client(id inbox.ClientID) (inbox.Client, error)       { return get(t.st.clients, id) }
func (t *memTx) Clients() ([]inbox.Client, error)                     { return sortedValues(t.st.clients), nil }
func (t *memTx) Salon() (inbox.Salon, error)                          { return t.st.salon, nil }
func (t *memTx) Templates() ([]inbox.Template, error)                 { return sortedValues(t.st.templates), nil }

func (t *memTx) ChatByPeer(a inbox.AccountID, p inbox.PeerID) (inbox.Chat, bool, error) {
	for _, c := range t.st.chats {
		if c.Account == a && c.Peer == p {
			return c, true, nil
		}
	}
	return inbox.Chat{}, false, nil
}

func (t *memTx) chatsWhere(keep func(inbox.Chat) bool) []inbox.Chat {
	var out []inbox.Chat
	for _, c := range sortedValues(t.st.chats) {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}

func (t *memTx) ChatsOfClient(id inbox.ClientID) ([]inbox.Chat, error) {
	return t.chatsWhere(func(c inbox.Chat) bool { return c.Client == id }), nil
}

func (t *memTx) ChatsByPhone(phone string) ([]inbox.Chat, error) {
	return t.chatsWhere(func(c inbox.Chat) bool { return phone != "" && c.Phone == phone }), nil
}

// SearchChats matches the phone digits anywhere in the number, or a word of the chat's
// name, username or client name that starts with the query.
func (t *memTx) SearchChats(q string, limit int) ([]inbox.ChatID, error) {
	digits := inbox.PhoneQuery(q)
	q = strings.ToLower(strings.TrimSpace(q))
	var out []inbox.ChatID
	for _, c := range t.chatsWhere(func(c inbox.Chat) bool {
		if digits != "" {
			return c.Phone != "" && strings.Contains(c.Phone, digits)
		}
		for _, w := range strings.Fields(strings.ToLower(c.Name + " " + c.Username + " " + c.ClientName)) {
			if strings.HasPrefix(w, q) {
				return true
			}
		}
		return false
	}) {
		if len(out) == limit {
			break
		}
		out = append(out, c.ID)
	}
	return out, nil
}

func (t *memTx) DialogsOfChat(id inbox.ChatID) ([]inbox.Dialog, error) {
	var out []inbox.Dialog
	for _, d := range sortedValues(t.st.dialogs) {
		if d.Chat == id {
			out = append(out, d)
		}
	}
	return out, nil
}

// Dialogs sorts every dialog of the tab newest first and pages through them.
func (t *memTx) Dialogs(f inbox.Filter, after inbox.ListCursor, n int) ([]inbox.DialogRow, inbox.ListCursor, error) {
	owner := f.OwnerKey()
	classes := f.Status.Classes()
	var ds []inbox.Dialog
	for _, d := range t.st.dialogs {
		if slices.Contains(classes, d.Class()) && (owner == inbox.AllOwners || uint64(d.Assignee) == owner) {
			ds = append(ds, d)
		}
	}
	slices.SortFunc(ds, func(a, b inbox.Dialog) int {
		if c := b.LastActivity.Compare(a.LastActivity); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	var rows []inbox.DialogRow
	for _, d := range ds {
		if after.Dialog != 0 && !olderThan(d, after) {
			continue
		}
		if len(rows) == n {
			last := rows[n-1].Dialog
			return rows, inbox.ListCursor{At: last.LastActivity.UnixNano(), Dialog: last.ID}, nil
		}
		rows = append(rows, inbox.DialogRow{Dialog: d, Chat: t.st.chats[d.Chat]})
	}
	return rows, inbox.ListCursor{}, nil
}

// olderThan reports whether d comes after the cursor in newest-first order.
func olderThan(d inbox.Dialog, c inbox.ListCursor) bool {
	at := d.LastActivity.UnixNano()
	return at < c.At || (at == c.At && d.ID < c.Dialog)
}

func (t *memTx) ClassCounts(owner uint64) (inbox.ClassCounts, error) {
	counts := inbox.ClassCounts{}
	for _, d := range t.st.dialogs {
		if owner == inbox.AllOwners || uint64(d.Assignee) == owner {
			counts[d.Class()]++
		}
	}
	return counts, nil
}

func (t *memTx) PostponedDue(at time.Time) ([]inbox.DialogID, error) {
	var out []inbox.DialogID
	for _, d := range sortedValues(t.st.dialogs) {
		if d.Status == inbox.DialogPostponed && !d.PostponedUntil.After(at) {
			out = append(out, d.ID)
		}
	}
	return out, nil
}

func (t *memTx) Message(id inbox.MessageID) (inbox.Message, error) {
	m, err := get(t.st.messages, id)
	if err != nil {
		return m, err
	}
	return t.fill(m), nil
}

// fill attaches a message's delivery and revisions, copied so callers cannot change them.
func (t *memTx) fill(m inbox.Message) inbox.Message {
	if d, ok := t.st.delivery[m.ID]; ok {
		m.Delivery = &d
	}
	m.Revisions = slices.Clone(t.st.revisions[m.ID])
	m.Attachments = slices.Clone(m.Attachments)
	m.Deleted = t.st.deleted[m.ID]
	return m
}

func (t *memTx) MessageByExternal(chat inbox.ChatID, ext inbox.ExternalID) (inbox.MessageID, bool, error) {
	id, ok := t.st.ext[chat][ext]
	return id, ok, nil
}

func (t *memTx) chatMessages(chat inbox.ChatID) []inbox.Message {
	var out []inbox.Message
	for _, m := range sortedValues(t.st.messages) {
		if m.Chat == chat {
			out = append(out, t.fill(m))
		}
	}
	return out
}

func (t *memTx) Messages(chat inbox.ChatID, before inbox.MessageID, n int) ([]inbox.Message, error) {
	all := t.chatMessages(chat)
	end := len(all)
	if before != 0 {
		end, _ = slices.BinarySearchFunc(all, before, func(m inbox.Message, id inbox.MessageID) int { return cmp.Compare(m.ID, id) })
	}
	return all[max(0, end-n):end], nil
}

func (t *memTx) WalkMessages(chat inbox.ChatID, fn func(inbox.Message) error) error {
	for _, m := range t.chatMessages(chat) {
		if err := fn(m); err != nil {
			return err
		}
	}
	return nil
}

func (t *memTx) WalkChats(fn func(inbox.Chat) error) error {
	for _, c := range sortedValues(t.st.chats) {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

func (t *memTx) Queued() ([]inbox.MessageID, error) {
	var out []inbox.MessageID
	for _, id := range slices.Sorted(maps.Keys(t.st.delivery)) {
		if t.st.delivery[id].State == inbox.Queued {
			out = append(out, id)
		}
	}
	return out, nil
}

func clientItems[K ~uint64, V any](m map[K]V, of func(V) inbox.ClientID, id inbox.ClientID) []V {
	var out []V
	for _, v := range sortedValues(m) {
		if of(v) == id {
			out = append(out, v)
		}
	}
	return out
}

func (t *memTx) VisitsOf(id inbox.ClientID) ([]inbox.Visit, error) {
	return clientItems(t.st.visits, func(v inbox.Visit) inbox.ClientID { return v.Client }, id), nil
}

func (t *memTx) TasksOf(id inbox.ClientID) ([]inbox.Task, error) {
	return clientItems(t.st.tasks, func(v inbox.Task) inbox.ClientID { return v.Client }, id), nil
}

func (t *memTx) LeadsOf(id inbox.ClientID) ([]inbox.Lead, error) {
	return clientItems(t.st.leads, func(v inbox.Lead) inbox.ClientID { return v.Client }, id), nil
}
