package inbox

import (
	"fmt"
	"slices"
	"strings"
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
		cl = Client{Name: c.Name, Created: s.Now()}
		if c.Phone != "" {
			cl.Name, cl.Phones = FormatPhone(c.Phone), []string{c.Phone}
		}
		if cl.Name == "" {
			cl.Name = c.Title()
		}
		if err := tx.PutClient(&cl); err != nil {
			return err
		}
		ev.add(Event{Kind: EventClient, Client: cl.ID})
		return link(tx, s.Now(), op, c, cl, ev)
	})
	return cl, err
}

// AttachChat links a chat to an existing client; the client then sees the dialogs of this
// chat beside those of its other chats. The chat's phone is added to the client's phones.
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
		if c.Client == client {
			return nil
		}
		if c.Phone != "" && !slices.Contains(cl.Phones, c.Phone) {
			cl.Phones = append(cl.Phones, c.Phone)
			if err := tx.PutClient(&cl); err != nil {
				return err
			}
			ev.add(Event{Kind: EventClient, Client: cl.ID})
		}
		return link(tx, s.Now(), op, c, cl, ev)
	})
}

// link sets a chat's client and notes it in the chat's current dialog.
func link(tx Tx, now time.Time, op OperatorID, c Chat, cl Client, ev *events) error {
	c.Client, c.ClientName = cl.ID, cl.DisplayName()
	if err := tx.PutChat(&c); err != nil {
		return err
	}
	ev.add(Event{Kind: EventChat, Chat: c.ID, Client: cl.ID})
	if c.Dialog == 0 {
		return nil
	}
	d, err := tx.Dialog(c.Dialog)
	if err != nil {
		return err
	}
	who, err := operatorName(tx, op)
	if err != nil {
		return err
	}
	mid, err := addSystem(tx, &d, now, SystemEvent{Kind: SysClientSet, Operator: op, OperatorName: who, ClientName: c.ClientName})
	if err != nil {
		return err
	}
	ev.add(Event{Kind: EventMessage, Chat: c.ID, Dialog: d.ID, Message: mid})
	ev.add(Event{Kind: EventDialog, Chat: c.ID, Dialog: d.ID})
	return nil
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

// SearchClients finds clients whose name contains q (case-insensitive) or whose phone
// contains the digits of q, for "Прикрепить к клиенту".
func (s *Service) SearchClients(q string, limit int) ([]Client, error) {
	q = strings.ToLower(strings.TrimSpace(q))
	digits := PhoneQuery(q)
	var out []Client
	err := s.store.View(func(tx ReadTx) error {
		all, err := tx.Clients()
		if err != nil {
			return err
		}
		for _, c := range all {
			if len(out) >= limit {
				break
			}
			if clientMatches(c, q, digits) {
				out = append(out, c)
			}
		}
		return nil
	})
	return out, err
}

func clientMatches(c Client, q, digits string) bool {
	if q == "" {
		return true
	}
	if strings.Contains(strings.ToLower(c.DisplayName()+" "+c.FullName()), q) {
		return true
	}
	if digits == "" {
		return false
	}
	return slices.ContainsFunc(c.Phones, func(p string) bool { return strings.Contains(p, digits) })
}

// TemplateData gathers what templates need to write to the client of a chat as operator
// op: the client, their next booked visit, the salon, the operator.
func (s *Service) TemplateData(op OperatorID, chat ChatID) (TemplateData, error) {
	var data TemplateData
	err := s.store.View(func(tx ReadTx) error {
		var err error
		if data.Salon, err = tx.Salon(); err != nil {
			return err
		}
		if op != 0 {
			if data.Operator, err = tx.Operator(op); err != nil {
				return err
			}
		}
		c, err := tx.Chat(chat)
		if err != nil || c.Client == 0 {
			return err
		}
		cl, err := tx.Client(c.Client)
		if err != nil {
			return err
		}
		data.Client = &cl
		visits, err := tx.VisitsOf(cl.ID)
		data.Visit = nextVisit(visits, s.Now())
		return err
	})
	return data, err
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
