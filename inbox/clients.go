package inbox

import (
	"fmt"
	"slices"
	"time"
)

// CreateClientFromChat makes a new client out of a chat and links the chat to it. The
// client is named by the chat's phone, or by the chat's name when no phone is known, as
// the front desk expects; the name can be corrected in the card later.
func (s *Service) CreateClientFromChat(op OperatorID, chat ChatID) (Client, error) {
	var cl Client
	err := s.update(func(tx Tx, ev *events) error {
		c, err := tx.Chat(chat)
		if err != nil {
			return fmt.Errorf("chat %d: %w", chat, err)
		}
		if c.Client != 0 {
			return Errorf(CodeConflict, "client.chat_has_client", nil)
		}
		log, err := newChangeLog(tx, s.Now(), op)
		if err != nil {
			return err
		}
		cl = Client{Name: c.Name}
		if c.Phone != "" {
			cl.Name, cl.Phones = FormatPhone(c.Phone), []string{c.Phone}
		}
		if cl.Name == "" {
			cl.Name = c.Title()
		}
		if err := createClient(tx, log, &cl, ev); err != nil {
			return err
		}
		return link(tx, log, c, cl, ev)
	})
	return cl, err
}

// AttachChat links a chat to an existing client; the client then sees the dialogs of this
// chat beside those of its other chats. The chat's phone is added to the client's phones.
// A chat that belonged to another client leaves that card as with DetachChat.
func (s *Service) AttachChat(op OperatorID, chat ChatID, client ClientID) error {
	return s.update(func(tx Tx, ev *events) error {
		c, err := tx.Chat(chat)
		if err != nil {
			return fmt.Errorf("chat %d: %w", chat, err)
		}
		cl, err := tx.Client(client)
		if err != nil {
			return fmt.Errorf("client %d: %w", client, err)
		}
		if cl.MergedInto != 0 {
			return Errorf(CodeConflict, "client.merged", map[string]any{"Client": cl.DisplayName()})
		}
		if c.Client == client {
			return nil
		}
		log, err := newChangeLog(tx, s.Now(), op)
		if err != nil {
			return err
		}
		if c.Phone != "" && !slices.Contains(cl.Phones, c.Phone) {
			old := cl
			cl.Phones = append(slices.Clone(cl.Phones), c.Phone)
			if err := saveClient(tx, log, &old, &cl, ev); err != nil {
				return err
			}
		}
		prev := c.Client
		if err := link(tx, log, c, cl, ev); err != nil || prev == 0 {
			return err
		}
		return leaveCard(tx, log, prev, c, ev)
	})
}

// leaveCard records in a client's card that a chat left it, and takes the chat's phone
// off the card unless another of its chats has it, so that the number does not link the
// chat back.
func leaveCard(tx Tx, log changeLog, id ClientID, c Chat, ev *events) error {
	cl, err := tx.Client(id)
	if err != nil {
		return fmt.Errorf("client %d: %w", id, err)
	}
	if err := log.add(id, ClientChange{Field: ChangeChatDetached, Chat: c.ID, Old: chatTitle(c)}); err != nil {
		return err
	}
	return dropChatPhone(tx, log, cl, c.Phone, ev)
}

// link sets a chat's client, records it in the client's history and notes it in the
// chat's current dialog.
func link(tx Tx, log changeLog, c Chat, cl Client, ev *events) error {
	c.Client, c.ClientName = cl.ID, cl.DisplayName()
	if err := tx.PutChat(&c); err != nil {
		return err
	}
	ev.add(Event{Kind: EventChat, Chat: c.ID, Client: cl.ID})
	if err := log.add(cl.ID, ClientChange{Field: ChangeChatAttached, Chat: c.ID, New: chatTitle(c)}); err != nil {
		return err
	}
	return noteInDialog(tx, log, c, SystemEvent{Kind: SysClientSet, ClientName: c.ClientName}, ev)
}

// noteInDialog adds a system message by the log's operator to a chat's current dialog,
// if it has one.
func noteInDialog(tx Tx, log changeLog, c Chat, sys SystemEvent, ev *events) error {
	if c.Dialog == 0 {
		return nil
	}
	d, err := tx.Dialog(c.Dialog)
	if err != nil {
		return err
	}
	sys.Operator, sys.OperatorName = log.op, log.who
	mid, err := addSystem(tx, &d, log.at, sys)
	if err != nil {
		return err
	}
	ev.add(Event{Kind: EventMessage, Chat: c.ID, Dialog: d.ID, Message: mid})
	ev.add(Event{Kind: EventDialog, Chat: c.ID, Dialog: d.ID})
	return nil
}

// chatTitle names a chat in a client's history by its own name, phone or peer, not by
// the client's name it shows; the record's Chat says which network.
func chatTitle(c Chat) string {
	c.ClientName = ""
	return c.Title()
}

// ClientDetails is everything the client panel shows.
type ClientDetails struct {
	Client  Client
	Chats   []Chat
	Visits  []Visit // newest first
	Tasks   []Task
	Leads   []Lead
	Dialogs []DialogRow // every dialog of every chat, newest first
}

// ClientDetails reads a client with its chats, visits, tasks, leads and dialogs.
func (s *Service) ClientDetails(id ClientID) (ClientDetails, error) {
	var cd ClientDetails
	err := s.store.View(func(tx ReadTx) error {
		var err error
		if cd.Client, err = tx.Client(id); err != nil {
			return fmt.Errorf("client %d: %w", id, err)
		}
		if cd.Chats, err = tx.ChatsOfClient(id); err != nil {
			return err
		}
		if cd.Visits, err = tx.VisitsOf(id); err != nil {
			return err
		}
		slices.SortFunc(cd.Visits, func(a, b Visit) int { return b.At.Compare(a.At) })
		if cd.Tasks, err = tx.TasksOf(id); err != nil {
			return err
		}
		if cd.Leads, err = tx.LeadsOf(id); err != nil {
			return err
		}
		for _, c := range cd.Chats {
			ds, err := tx.DialogsOfChat(c.ID)
			if err != nil {
				return err
			}
			for _, d := range ds {
				cd.Dialogs = append(cd.Dialogs, DialogRow{Dialog: d, Chat: c})
			}
		}
		sortRows(cd.Dialogs)
		return nil
	})
	return cd, err
}

// nextVisit is the soonest booked visit that has not started yet.
func nextVisit(visits []Visit, now time.Time) *Visit {
	var best *Visit
	for i := range visits {
		v := &visits[i]
		if v.Status == VisitBooked && v.At.After(now) && (best == nil || v.At.Before(best.At)) {
			best = v
		}
	}
	return best
}
