// Package export writes a store's history as JSON lines: one JSON object per line, each
// with a "type" — salon, account, connection (Telegram Business), operator, template,
// client (with its visits, tasks, leads and the history of the card; merged cards
// included), lead (a lead without a client), chat, dialog, message (system notes,
// attachments, delivery, the client's edits, whether it was typed outside SalonChat and
// when it was deleted on the network's side included).
//
// Chats come in id order, each followed by its dialogs and then its messages, so that a
// reader can stream the file. Account settings (tokens, passwords) are never written.
package export

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"salonchat/inbox"
)

// Filter narrows an export.
type Filter struct {
	// Client, when set, limits the export to this client and the chats, dialogs and
	// messages linked to it; accounts and operators are still written, so that the ids
	// in the records can be read. Salon details and templates are left out.
	Client inbox.ClientID
}

// Write exports store to w as JSON lines, in one read transaction so that the records
// agree with each other. It streams: memory use does not grow with the number of
// messages. An unknown Filter.Client is an inbox.Error with key "export.no_client".
func Write(w io.Writer, store inbox.Store, f Filter) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := store.View(func(tx inbox.ReadTx) error {
		x := exporter{tx: tx, enc: enc}
		if f.Client != 0 {
			return x.oneClient(f.Client)
		}
		return x.everything()
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

type exporter struct {
	tx  inbox.ReadTx
	enc *json.Encoder
}

func (x exporter) everything() error {
	salon, err := x.tx.Salon()
	if err != nil {
		return fmt.Errorf("salon: %w", err)
	}
	if err := x.enc.Encode(salonRecord(salon)); err != nil {
		return err
	}
	if err := x.directory(); err != nil {
		return err
	}
	templates, err := x.tx.Templates()
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	if err := encodeAll(x.enc, templates, templateRecord); err != nil {
		return err
	}
	clients, err := x.tx.Clients()
	if err != nil {
		return fmt.Errorf("clients: %w", err)
	}
	for _, c := range clients {
		if err := x.client(c); err != nil {
			return err
		}
	}
	if err := x.strayLeads(); err != nil {
		return err
	}
	return x.tx.WalkChats(x.chat)
}

// strayLeads writes the leads that have no client, oldest first.
func (x exporter) strayLeads() error {
	var stray []inbox.Lead
	for after := inbox.LeadID(0); ; {
		ls, next, err := x.tx.Leads("", after, 500)
		if err != nil {
			return fmt.Errorf("leads: %w", err)
		}
		for _, l := range ls {
			if l.Client == 0 {
				stray = append(stray, l)
			}
		}
		if after = next; next == 0 {
			break
		}
	}
	for i := len(stray) - 1; i >= 0; i-- {
		if err := x.enc.Encode(LeadRecord{Type: "lead", Lead: leadOf(stray[i])}); err != nil {
			return err
		}
	}
	return nil
}

func (x exporter) oneClient(id inbox.ClientID) error {
	c, err := x.tx.Client(id)
	if errors.Is(err, inbox.ErrNotFound) {
		return &inbox.Error{Code: inbox.CodeNotFound, Key: "export.no_client", Args: map[string]any{"ID": id}, Err: err}
	}
	if err != nil {
		return fmt.Errorf("client %d: %w", id, err)
	}
	if err := x.directory(); err != nil {
		return err
	}
	if err := x.client(c); err != nil {
		return err
	}
	chats, err := x.tx.ChatsOfClient(id)
	if err != nil {
		return fmt.Errorf("chats of client %d: %w", id, err)
	}
	for _, ch := range chats {
		if err := x.chat(ch); err != nil {
			return err
		}
	}
	return nil
}

// directory writes the accounts and operators that chats and messages refer to.
func (x exporter) directory() error {
	accounts, err := x.tx.Accounts()
	if err != nil {
		return fmt.Errorf("accounts: %w", err)
	}
	if err := encodeAll(x.enc, accounts, accountRecord); err != nil {
		return err
	}
	if err := x.connections(accounts); err != nil {
		return fmt.Errorf("connections: %w", err)
	}
	ops, err := x.tx.Operators()
	if err != nil {
		return fmt.Errorf("operators: %w", err)
	}
	return encodeAll(x.enc, ops, operatorRecord)
}

func (x exporter) client(c inbox.Client) error {
	cd := card{client: c}
	var err error
	if cd.visits, err = x.tx.VisitsOf(c.ID); err != nil {
		return fmt.Errorf("visits of client %d: %w", c.ID, err)
	}
	if cd.tasks, err = x.tx.TasksOf(c.ID); err != nil {
		return fmt.Errorf("tasks of client %d: %w", c.ID, err)
	}
	if cd.leads, err = x.tx.LeadsOf(c.ID); err != nil {
		return fmt.Errorf("leads of client %d: %w", c.ID, err)
	}
	if cd.history, err = x.tx.ClientHistory(c.ID); err != nil {
		return fmt.Errorf("history of client %d: %w", c.ID, err)
	}
	return x.enc.Encode(clientRecord(cd))
}

// chat writes a chat, its dialogs oldest first, then its messages in order.
func (x exporter) chat(c inbox.Chat) error {
	if err := x.enc.Encode(chatRecord(c)); err != nil {
		return err
	}
	dialogs, err := x.tx.DialogsOfChat(c.ID)
	if err != nil {
		return fmt.Errorf("dialogs of chat %d: %w", c.ID, err)
	}
	if err := encodeAll(x.enc, dialogs, dialogRecord); err != nil {
		return err
	}
	err = x.tx.WalkMessages(c.ID, func(m inbox.Message) error { return x.enc.Encode(messageRecord(m)) })
	if err != nil {
		return fmt.Errorf("messages of chat %d: %w", c.ID, err)
	}
	return nil
}

func encodeAll[T, R any](enc *json.Encoder, items []T, record func(T) R) error {
	for _, it := range items {
		if err := enc.Encode(record(it)); err != nil {
			return err
		}
	}
	return nil
}
