package inbox

import (
	"fmt"
	"strings"
	"time"
)

// TemplateData gathers what templates need to write to the client of a chat as operator
// op: the client, their next booked visit, the salon, the operator.
func (s *Service) TemplateData(op OperatorID, chat ChatID) (TemplateData, error) {
	var data TemplateData
	err := s.store.View(func(tx ReadTx) error {
		var err error
		if data, err = templateBase(tx, op); err != nil {
			return err
		}
		c, err := tx.Chat(chat)
		if err != nil || c.Client == 0 {
			return err
		}
		return withClient(tx, &data, c.Client, s.Now())
	})
	return data, err
}

// TemplateDataForClient gathers what templates need to write to a client from the card,
// or to preview a template for a chosen client in the editor.
func (s *Service) TemplateDataForClient(op OperatorID, client ClientID) (TemplateData, error) {
	var data TemplateData
	err := s.store.View(func(tx ReadTx) error {
		var err error
		if data, err = templateBase(tx, op); err != nil {
			return err
		}
		return withClient(tx, &data, client, s.Now())
	})
	return data, err
}

// TemplateDataForLead gathers what templates need to write about a lead: the lead
// (Заявка.*), its client with the next visit, and for a lead without a client a client
// made of the lead's name and phone, so that {Клиент.Имя} greets a stranger who gave
// just a first name.
func (s *Service) TemplateDataForLead(op OperatorID, lead LeadID) (TemplateData, error) {
	var data TemplateData
	err := s.store.View(func(tx ReadTx) error {
		var err error
		if data, err = templateBase(tx, op); err != nil {
			return err
		}
		l, err := tx.Lead(lead)
		if err != nil {
			return fmt.Errorf("lead %d: %w", lead, err)
		}
		data.Lead = &l
		if l.Client != 0 {
			return withClient(tx, &data, l.Client, s.Now())
		}
		data.Client = leadPerson(l)
		return nil
	})
	return data, err
}

// templateBase is what every template has: the salon and the operator.
func templateBase(tx ReadTx, op OperatorID) (TemplateData, error) {
	var data TemplateData
	var err error
	if data.Salon, err = tx.Salon(); err != nil {
		return data, err
	}
	if op != 0 {
		if data.Operator, err = tx.Operator(op); err != nil {
			return data, fmt.Errorf("operator %d: %w", op, err)
		}
	}
	return data, nil
}

// withClient adds a client and their next booked visit.
func withClient(tx ReadTx, data *TemplateData, id ClientID, now time.Time) error {
	cl, err := tx.Client(id)
	if err != nil {
		return fmt.Errorf("client %d: %w", id, err)
	}
	data.Client = &cl
	visits, err := tx.VisitsOf(cl.ID)
	data.Visit = nextVisit(visits, now)
	return err
}

// leadPerson is the client a lead without one describes: the name as given (the first
// name too when it is one word) and the phone.
func leadPerson(l Lead) *Client {
	c := &Client{Name: l.Name}
	if len(strings.Fields(l.Name)) == 1 {
		c.FirstName = l.Name
	}
	if l.Phone != "" {
		c.Phones = []string{l.Phone}
	}
	return c
}
