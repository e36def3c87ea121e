// Package inbox is SalonChat's domain: the types (operators, accounts, chats, clients,
// dialogs, messages, leads, templates), the rules that move a dialog between its states,
// and the Service that the UI and the connectors call.
//
// A client card is checked as a whole before it is saved and every change to it is
// recorded (ClientHistory); cards are merged, never deleted (MergeClients), and a chat
// attached by mistake is detached with a note (DetachChat).
//
// inbox owns the interfaces it needs — Store (persistence), Clock (time) — and imports no
// UI toolkit, database or network library; storage/ and connectors/ implement them.
//
// Messages are append-only. A stored message is never rewritten: a client's edit is kept
// as a revision beside the original, and the delivery state of an outbound message is a
// separate record that only moves forward (or to failed, and back to queued on retry).
package inbox
