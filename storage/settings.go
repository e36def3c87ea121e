package storage

import (
	"encoding/json"
	"fmt"

	"salonchat/inbox"
)

// Operators, accounts, templates and the salon are few and rarely written: JSON keeps
// them readable in `bbolt get` and lets fields be added without a migration.

func (t *tx) Operator(id inbox.OperatorID) (o inbox.Operator, err error) {
	err = t.getJSON(bOperators, uint64(id), &o)
	return o, err
}

func (t *tx) Operators() ([]inbox.Operator, error) { return allJSON[inbox.Operator](t, bOperators) }

func (t *tx) PutOperator(o *inbox.Operator) error {
	id, err := t.nextID(t.bucket(bOperators), uint64(o.ID))
	if err != nil {
		return fmt.Errorf("put operator: %w", err)
	}
	o.ID = inbox.OperatorID(id)
	return t.putJSON(bOperators, id, o)
}

func (t *tx) Account(id inbox.AccountID) (a inbox.Account, err error) {
	err = t.getJSON(bAccounts, uint64(id), &a)
	return a, err
}

func (t *tx) Accounts() ([]inbox.Account, error) { return allJSON[inbox.Account](t, bAccounts) }

func (t *tx) PutAccount(a *inbox.Account) error {
	id, err := t.nextID(t.bucket(bAccounts), uint64(a.ID))
	if err != nil {
		return fmt.Errorf("put account: %w", err)
	}
	a.ID = inbox.AccountID(id)
	return t.putJSON(bAccounts, id, a)
}

func (t *tx) Templates() ([]inbox.Template, error) { return allJSON[inbox.Template](t, bTemplates) }

func (t *tx) PutTemplate(tp *inbox.Template) error {
	id, err := t.nextID(t.bucket(bTemplates), uint64(tp.ID))
	if err != nil {
		return fmt.Errorf("put template: %w", err)
	}
	tp.ID = inbox.TemplateID(id)
	return t.putJSON(bTemplates, id, tp)
}

// Salon returns the salon's details; before they are first saved, empty ones (templates
// render empty fields rather than fail).
func (t *tx) Salon() (s inbox.Salon, err error) {
	raw := t.get(bSalon, kSalon)
	if raw == nil {
		return s, nil
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return s, fmt.Errorf("salon: %w", err)
	}
	return s, nil
}

func (t *tx) PutSalon(s inbox.Salon) error {
	raw, err := json.Marshal(s)
	if err == nil {
		err = t.bucket(bSalon).Put(kSalon, raw)
	}
	if err != nil {
		return fmt.Errorf("put salon: %w", err)
	}
	return nil
}
