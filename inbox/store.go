package inbox

import "time"

// Store persists the domain. The Service holds every rule; a Store only keeps records and
// the indexes that make reads fast. Implementations: storage.Store (bbolt) and
// inboxtest.MemStore; one test suite (inboxtest.RunStoreSuite) runs on both.
type Store interface {
	// View runs fn in a read-only, consistent snapshot.
	View(fn func(ReadTx) error) error
	// Update runs fn in one durable read-write transaction: everything fn wrote is on disk
	// when Update returns nil, and nothing of it when fn returns an error.
	Update(fn func(Tx) error) error
	// Batch is Update with group commit: concurrent callers may share one transaction, so
	// fn may run more than once and must have no effect outside the Tx.
	Batch(fn func(Tx) error) error
	// Close releases the store. It does not block on anything but running transactions.
	Close() error
}

// ReadTx reads within a transaction. Lookups of a missing record return ErrNotFound.
type ReadTx interface {
	Operator(id OperatorID) (Operator, error)
	Operators() ([]Operator, error)
	Account(id AccountID) (Account, error)
	Accounts() ([]Account, error)

	Chat(id ChatID) (Chat, error)
	// ChatByPeer finds the chat of a peer on an account; ok is false when there is none.
	ChatByPeer(account AccountID, peer PeerID) (c Chat, ok bool, err error)
	// ChatsOfClient lists the chats linked to a client.
	ChatsOfClient(id ClientID) ([]Chat, error)
	// ChatsByPhone lists the chats whose phone is exactly this normalised number.
	ChatsByPhone(phone string) ([]Chat, error)
	// SearchChats finds chats whose phone contains the digits of q, or whose chat or
	// client name has a word starting with q (case-insensitive), newest dialogs first is
	// not required. At most limit results.
	SearchChats(q string, limit int) ([]ChatID, error)

	Dialog(id DialogID) (Dialog, error)
	// DialogsOfChat lists every dialog of a chat, oldest first.
	DialogsOfChat(id ChatID) ([]Dialog, error)
	// Dialogs returns up to n rows of a filter tab, newest activity first, starting after
	// the cursor; next is the cursor to pass for the following page (zero when no more).
	Dialogs(f Filter, after ListCursor, n int) (rows []DialogRow, next ListCursor, err error)
	// ClassCounts returns the number of dialogs per class indexed under an owner key
	// (an operator, 0 for unassigned, AllOwners).
	ClassCounts(owner uint64) (ClassCounts, error)
	// PostponedDue lists postponed dialogs whose PostponedUntil is not after t.
	PostponedDue(t time.Time) ([]DialogID, error)

	Message(id MessageID) (Message, error)
	// MessageByExternal finds a message (or the message an edit belongs to) by the
	// network's id within a chat.
	MessageByExternal(chat ChatID, ext ExternalID) (id MessageID, ok bool, err error)
	// Messages returns up to n messages of a chat with ids below before (0: from the
	// newest), in ascending order, with their delivery and revisions.
	Messages(chat ChatID, before MessageID, n int) ([]Message, error)
	// Queued lists outbound messages whose delivery state is Queued, oldest first.
	Queued() ([]MessageID, error)
	// WalkMessages calls fn for every message of a chat in order, stopping at an error.
	WalkMessages(chat ChatID, fn func(Message) error) error
	// WalkChats calls fn for every chat in id order.
	WalkChats(fn func(Chat) error) error

	Client(id ClientID) (Client, error)
	// Clients returns every client record in id order, merged ones included (export).
	Clients() ([]Client, error)
	// ListClients returns up to n clients after the cursor in the order of their
	// ClientSortKey, then id. An empty q lists every client; a phone query (PhoneQuery)
	// matches the digits anywhere in any of a client's phones; otherwise every word of q
	// (NameWords) must start a word of the client's Name, Surname, FirstName or
	// Patronymic. Merged clients are never listed. Total is the number of matches.
	ListClients(q string, after ClientCursor, n int) (ClientPage, error)
	// ClientsByPhone lists the clients (merged ones left out) that have exactly this
	// normalised phone among their phones, in id order.
	ClientsByPhone(phone string) ([]Client, error)
	// ClientHistory lists a client's recorded changes, oldest first.
	ClientHistory(id ClientID) ([]ClientChange, error)
	VisitsOf(id ClientID) ([]Visit, error)
	TasksOf(id ClientID) ([]Task, error)
	LeadsOf(id ClientID) ([]Lead, error)
	Lead(id LeadID) (Lead, error)
	// Leads returns up to n leads with ids below after (0: from the newest), newest
	// first, of one status or of every status when status is ""; next is the id to pass
	// for the following page (zero when there are no more).
	Leads(status LeadStatus, after LeadID, n int) (leads []Lead, next LeadID, err error)
	// LeadCounts returns the number of leads per status.
	LeadCounts() (LeadCounts, error)
	Templates() ([]Template, error)
	Salon() (Salon, error)

	// Connection reads one business connection of an account (ErrNotFound when none).
	Connection(account AccountID, id ConnectionID) (Connection, error)
	// Connections lists an account's business connections in id order.
	Connections(account AccountID) ([]Connection, error)
	// LastInbound is when the client last wrote in a chat that came through a business
	// connection (zero when unknown): replies there are allowed only within a window
	// after it. Ordinary chats keep no such record.
	LastInbound(chat ChatID) (time.Time, error)
}

// Tx writes within a transaction. Put* with a zero ID assigns the next id and writes it
// back into the record. A Store keeps its indexes (peers, phones, names, the dialog list
// and its counters) in step with every Put in the same transaction.
type Tx interface {
	ReadTx
	PutOperator(*Operator) error
	PutAccount(*Account) error
	PutChat(*Chat) error
	// PutDialog stores a dialog; a new one becomes its chat's current dialog
	// (Chat.Dialog) at once, without a PutChat.
	PutDialog(*Dialog) error
	// AppendMessage stores a new message (m.ID must be zero) and, when m.ExternalID is
	// set, indexes it for MessageByExternal. An outbound message gets its first Delivery
	// record from m.Delivery. There is no way to change a stored message.
	AppendMessage(m *Message) error
	// AddRevision stores a client's edit beside a message and indexes rev.ExternalID.
	AddRevision(id MessageID, rev Revision) error
	// SetDelivery replaces an outbound message's delivery record.
	SetDelivery(id MessageID, d Delivery) error
	// PutClient stores a client and keeps its list, name and phone indexes in step; a
	// client with MergedInto set is removed from them.
	PutClient(*Client) error
	// AddClientChange appends a record to a client's history; ch.Client is set to id.
	AddClientChange(id ClientID, ch ClientChange) error
	PutVisit(*Visit) error
	PutTask(*Task) error
	// PutLead stores a lead and keeps the per-status list and counts in step.
	PutLead(*Lead) error
	PutTemplate(*Template) error
	PutSalon(Salon) error
	// PutConnection inserts or replaces the connection (c.Account, c.ID).
	PutConnection(c Connection) error
	// MarkDeleted records that a message was deleted on the network's side, beside the
	// message, which stays as it was. A message keeps its first mark: marking it again
	// changes nothing.
	MarkDeleted(id MessageID, at time.Time) error
	// SetLastInbound records when the client last wrote in a business chat (see
	// LastInbound).
	SetLastInbound(chat ChatID, at time.Time) error
}
