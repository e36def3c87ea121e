package inbox

import (
	"fmt"
	"strings"
)

// Fields of the lead form, as a FieldError names them.
const (
	FieldLeadStatus = "status"
	FieldLeadReason = "reason"
	FieldLeadPhone  = "phone"
	FieldLeadWho    = "who" // the client, or a name or phone
)

// LeadCounts is the number of leads per status.
type LeadCounts map[LeadStatus]int

// Total is the number of leads of every status.
func (c LeadCounts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// checkLead tidies a lead as the form sent it (status new by default, the phone
// normalised, no reason unless rejected) and returns every field that is wrong.
func checkLead(l *Lead) []FieldError {
	var errs []FieldError
	l.Name, l.Want, l.Reason = strings.TrimSpace(l.Name), strings.TrimSpace(l.Want), strings.TrimSpace(l.Reason)
	if l.Status == "" {
		l.Status = LeadNew
	}
	if !l.Status.Valid() {
		errs = append(errs, FieldError{Field: FieldLeadStatus, Key: "lead.bad_status", Args: map[string]any{"Status": string(l.Status)}})
	}
	if l.Status == LeadRejected && l.Reason == "" {
		errs = append(errs, FieldError{Field: FieldLeadReason, Key: "lead.reason_required"})
	}
	if l.Status != LeadRejected {
		l.Reason = ""
	}
	raw := strings.TrimSpace(l.Phone)
	var ok bool
	if l.Phone, ok = ValidPhone(raw); raw != "" && !ok {
		errs = append(errs, FieldError{Field: FieldLeadPhone, Key: "lead.bad_phone", Args: map[string]any{"Phone": raw}})
	}
	if l.Client == 0 && l.Name == "" && raw == "" {
		errs = append(errs, FieldError{Field: FieldLeadWho, Key: "lead.who_required"})
	}
	return errs
}

// SaveLead creates or changes a lead. It is checked as a whole, like a client card:
// lead.bad_status, lead.reason_required (a rejection needs its reason), lead.bad_phone,
// lead.who_required (no client, name or phone). A new lead is new unless said otherwise.
func (s *Service) SaveLead(l Lead) (Lead, error) {
	if err := invalidFields(checkLead(&l)); err != nil {
		return Lead{}, err
	}
	if l.Created.IsZero() {
		l.Created = s.Now()
	}
	err := s.update(func(tx Tx, ev *events) error {
		if err := leadClientOK(tx, l.Client); err != nil {
			return err
		}
		return putLead(tx, &l, ev)
	})
	if err != nil {
		return Lead{}, err
	}
	return l, nil
}

// leadClientOK refuses a lead of a client that does not exist or was merged away.
func leadClientOK(tx ReadTx, id ClientID) error {
	if id == 0 {
		return nil
	}
	c, err := tx.Client(id)
	if err != nil {
		return fmt.Errorf("client %d: %w", id, err)
	}
	if c.MergedInto != 0 {
		return Errorf(CodeConflict, "client.merged", map[string]any{"Client": c.DisplayName()})
	}
	return nil
}

func putLead(tx Tx, l *Lead, ev *events) error {
	if err := tx.PutLead(l); err != nil {
		return err
	}
	ev.add(Event{Kind: EventLead, Lead: l.ID, Client: l.Client})
	if l.Client != 0 {
		ev.add(Event{Kind: EventClient, Client: l.Client})
	}
	return nil
}

// SetLeadStatus moves a lead to status as operator op. A rejection needs its reason
// (lead.reason_required); any other status clears it. A lead nobody is responsible for
// becomes op's when it leaves "new".
func (s *Service) SetLeadStatus(op OperatorID, id LeadID, status LeadStatus, reason string) error {
	return s.update(func(tx Tx, ev *events) error {
		if _, err := operatorName(tx, op); err != nil {
			return fmt.Errorf("operator %d: %w", op, err)
		}
		l, err := tx.Lead(id)
		if err != nil {
			return fmt.Errorf("lead %d: %w", id, err)
		}
		l.Status, l.Reason = status, reason
		if err := invalidFields(checkLead(&l)); err != nil {
			return err
		}
		if l.Operator == 0 && l.Status != LeadNew {
			l.Operator = op
		}
		return putLead(tx, &l, ev)
	})
}

// LeadFromDialog turns a dialog into a new lead in one click, op responsible: the
// chat's client when it has one, else the name and phone the chat knows; the channel is
// the chat's network, and the lead remembers the chat and dialog it came from.
func (s *Service) LeadFromDialog(op OperatorID, dialog DialogID) (Lead, error) {
	var l Lead
	err := s.update(func(tx Tx, ev *events) error {
		if _, err := operatorName(tx, op); err != nil {
			return fmt.Errorf("operator %d: %w", op, err)
		}
		d, err := tx.Dialog(dialog)
		if err != nil {
			return fmt.Errorf("dialog %d: %w", dialog, err)
		}
		c, err := tx.Chat(d.Chat)
		if err != nil {
			return fmt.Errorf("chat %d: %w", d.Chat, err)
		}
		l = Lead{Channel: c.Network, Status: LeadNew, Operator: op, Chat: c.ID, Dialog: d.ID, Created: s.Now(),
			Name: c.Title(), Phone: c.Phone}
		if c.Client != 0 {
			cl, err := tx.Client(c.Client)
			if err != nil {
				return fmt.Errorf("client %d: %w", c.Client, err)
			}
			l.Client, l.Name = cl.ID, cl.DisplayName()
			if cl.MainPhone() != "" {
				l.Phone = cl.MainPhone()
			}
		}
		return putLead(tx, &l, ev)
	})
	return l, err
}

// Lead returns one lead.
func (s *Service) Lead(id LeadID) (Lead, error) {
	var l Lead
	err := s.store.View(func(tx ReadTx) (err error) {
		l, err = tx.Lead(id)
		return err
	})
	return l, err
}

// Leads returns a page of the lead list (menu Заявки), newest first: up to n leads of
// one status, or of all when status is "", with ids below after (0: from the newest).
// next is the after of the following page; zero when there are no more.
func (s *Service) Leads(status LeadStatus, after LeadID, n int) (leads []Lead, next LeadID, err error) {
	if status != "" && !status.Valid() {
		return nil, 0, Errorf(CodeInvalid, "lead.bad_status", map[string]any{"Status": string(status)})
	}
	err = s.store.View(func(tx ReadTx) error {
		leads, next, err = tx.Leads(status, after, max(n, 0))
		return err
	})
	return leads, next, err
}

// LeadCounts returns the number of leads per status, for the list's filters.
func (s *Service) LeadCounts() (LeadCounts, error) {
	var c LeadCounts
	err := s.store.View(func(tx ReadTx) (err error) {
		c, err = tx.LeadCounts()
		return err
	})
	return c, err
}
