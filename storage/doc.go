// Package storage keeps SalonChat's data in one bbolt file: the bbolt implementation of
// inbox.Store. Open it with Open; a second process opening the same file fails within
// about a second with an error wrapping inbox.ErrInUse.
//
// # Layout
//
// All integers in keys are 8-byte big-endian, so bbolt's byte order is numeric order;
// ‖ joins key parts. Times in keys are Unix nanoseconds with the sign bit flipped
// (sortable), and ^ marks a bitwise inverse, used to walk newest first with a forward
// cursor. "bin" values use the compact encoding of codec.go and records.go (fixed 8-byte
// ids and times, uvarint-prefixed strings); "json" values are encoding/json.
//
//	bucket        key                                   value
//	meta          "version"                             schema version (8 bytes)
//	              "clients"                             clients in clientorder (8 bytes)
//	operators     operatorID                            json Operator
//	accounts      accountID                             json Account
//	chats         chatID                                bin Chat
//	peers         accountID ‖ peer                      chatID
//	chatdialogs   chatID ‖ dialogID                     —  (dialogs of schema 3)
//	clientchats   clientID ‖ chatID                     —
//	phones        digits ‖ 0x00 ‖ chatID                —  (normalised phone)
//	names         word ‖ 0x00 ‖ chatID                  —  (lower-cased, ё→е; every word of
//	                                                       Name, Username, ClientName)
//	dialogs       dialogID                              bin Dialog (with preview and last message;
//	                                                       dialogs of schema 3, later ones are
//	                                                       in their chat's range of msgs)
//	act           owner ‖ class ‖ ^at ‖ ^dialogID       —  (one per dialog: owner = assignee or
//	                                                       0; "Все" merges every owner's)
//	counters      owner ‖ class                         count (8 bytes; absent when zero)
//	postponed     until ‖ dialogID                      —  (postponed dialogs only)
//	msgs          chatID ‖ messageID                    bin Message (never rewritten)
//	              chatID ‖ FF×8 ‖ 1 ‖ dialogID          bin Dialog (the chat's range, schema 4)
//	              chatID ‖ FF×8 ‖ 2 ‖ external id       messageID (messages, revisions, and
//	                                                       the network id of sent messages)
//	msgchat       messageID                             chatID (messages of schema 3)
//	ext           chatID ‖ external id                  messageID (ids received before schema 4)
//	delivery      chatID ‖ messageID                    bin Delivery
//	revisions     chatID ‖ messageID ‖ seq (4 bytes)    bin Revision
//	queued        messageID                             —  (outbound, delivery state Queued)
//	clients       clientID                              json Client (merged ones too)
//	clientorder   sortkey ‖ 0x00 ‖ clientID             —  (inbox.ClientSortKey; clients not
//	                                                       merged: the Клиенты list)
//	clientnames   word ‖ 0x00 ‖ clientID                clientorder key (inbox.ClientWords)
//	clientphones  digits ‖ 0x00 ‖ clientID              clientorder key (each phone)
//	clienthistory clientID ‖ seq                        json ClientChange (seq: the bucket's)
//	visits        visitID                               json Visit
//	clientvisits  clientID ‖ visitID                    —
//	tasks         taskID                                json Task
//	clienttasks   clientID ‖ taskID                     —
//	leads         leadID                                json Lead
//	clientleads   clientID ‖ leadID                     —  (clientID 0: no client yet)
//	leadstatus    status ‖ 0x00 ‖ ^leadID               —  (the Заявки list, newest first)
//	leadcounts    status ‖ 0x00                         count (8 bytes; absent when zero)
//	templates     templateID                            json Template
//	salon         "salon"                               json Salon
//	connections   accountID ‖ connection id             json Connection (Telegram Business;
//	                                                       never deleted, disabled instead)
//	deleted       chatID ‖ messageID                    time (8 bytes): deleted on the
//	                                                       network's side; the first mark stays
//	lastin        chatID                                time (8 bytes) of the client's last
//	                                                       message; business chats only
//
// Ids come from the sequence of the record's bucket. Message and dialog ids since schema
// 4 are chat-scoped (chatrange.go): seq<<24 | chatID, with seq from the sequence of msgs
// or dialogs, one ascending sequence for all chats, so ids sort in the order they were
// issued and a chat's keys walk in the order its messages were stored. A chat's current
// dialog is the last one in its range (the record keeps only a dialog of schema 3), so
// opening a dialog does not rewrite the chat. Delivery, revisions and deletion marks are keyed like msgs, not
// by message id alone, so that a page of a thread finds its extras with one range walk
// each. A field added to the binary chat or message layout goes at its end: values
// written before it decode it as zero (Chat.Via, Message.Elsewhere since version 3).
//
// # Rules
//
// A stored message value is never rewritten: AppendMessage refuses a message with an id
// and never overwrites a key; delivery, revisions and deletion marks live in their own
// buckets.
// PutChat, PutDialog, PutClient and PutLead read the old record and move its index
// entries and counters in the same transaction. Exported methods own the transaction
// and helpers take it; every value is copied out of bbolt's memory map before the
// transaction ends.
//
// Schema changes go through the migrations table in schema.go.
//
// # Speed
//
// The figures to hold are in PERFORMANCE.md; `go test -bench . -run '^$' ./storage/`
// measures them on a generated 100 000-chat store (see fixture_test.go). What they
// taught: on these machines fresh memory is what a read costs, so a page of a list or a
// thread is copied out in one string that its decoded records share (copyOut), and a
// transaction keeps its bucket handles and one lookup cursor per bucket (Bucket.Get
// makes and grows a cursor per call). The array freelist loads faster than the hashmap
// one when the window opens. Batch is group commit that never waits for company: a
// caller who finds no commit running commits at once, with whoever is queued (at most
// 64). BulkLoad fills pages to 100 % and syncs once, for imports and demo.Scale, which
// then compacts the file (Compact): bbolt rewrites its whole freelist at every commit,
// and a bulk-loaded file carried thousands of free pages. Compact leaves a tenth of each
// page free (not in append-only msgchat), or every first receive into a page split it.
// A durable commit's cost here is mostly its scattered page writes (~55 µs each beyond
// the two fsyncs): a receive writes one page path of msgs for the message, its network
// id and its dialog together (schema 4), not one per bucket.
// On 64-bit Unix the file is mapped with 8 GiB of address space from the start, so a
// growing file is not remapped: a remap waits for every reader, such as a backup.
package storage
