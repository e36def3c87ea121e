package inbox

import (
	"fmt"
	"maps"
	"strings"
)

// AddOperator creates an operator (the first run creates the first one).
func (s *Service) AddOperator(name string) (Operator, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Operator{}, Errorf(CodeInvalid, "operator.name_required", nil)
	}
	op := Operator{Name: name, Active: true}
	err := s.update(func(tx Tx, ev *events) error {
		ev.add(Event{Kind: EventSettings})
		return tx.PutOperator(&op)
	})
	return op, err
}

// Operators lists every operator, active or not, in id order.
func (s *Service) Operators() ([]Operator, error) {
	var ops []Operator
	err := s.store.View(func(tx ReadTx) (err error) {
		ops, err = tx.Operators()
		return err
	})
	return ops, err
}

// AddAccount connects a new account. Settings are kept in the store (tokens included),
// never in logs.
func (s *Service) AddAccount(a Account) (Account, error) {
	if !a.Network.Valid() {
		return Account{}, Errorf(CodeInvalid, "account.unknown_network", map[string]any{"Network": string(a.Network)})
	}
	a.ID = 0
	a.Health = Health{State: HealthConnecting, Since: s.Now()}
	err := s.update(func(tx Tx, ev *events) error {
		if err := tx.PutAccount(&a); err != nil {
			return err
		}
		ev.add(Event{Kind: EventAccount, Account: a.ID})
		return nil
	})
	return a, err
}

// UpdateAccount changes an account's title, settings or enabled state. A rename keeps
// the health; new settings or re-enabling start over as "connecting", since the old "!"
// was about the old settings and the connector is about to try the new ones.
func (s *Service) UpdateAccount(a Account) error {
	return s.update(func(tx Tx, ev *events) error {
		old, err := tx.Account(a.ID)
		if err != nil {
			return fmt.Errorf("account %d: %w", a.ID, err)
		}
		a.Network, a.Health = old.Network, old.Health
		if !maps.Equal(a.Settings, old.Settings) || (old.Disabled && !a.Disabled) {
			a.Health = Health{State: HealthConnecting, Since: s.Now()}
		}
		ev.add(Event{Kind: EventAccount, Account: a.ID})
		return tx.PutAccount(&a)
	})
}

// SetHealth records an account's connection state as its connector reports it. Nothing
// is written or published when the state and reason did not change.
func (s *Service) SetHealth(id AccountID, h Health) error {
	return s.update(func(tx Tx, ev *events) error {
		a, err := tx.Account(id)
		if err != nil {
			return fmt.Errorf("account %d: %w", id, err)
		}
		if a.Health.State == h.State && a.Health.Reason == h.Reason && a.Health.Detail == h.Detail {
			return nil
		}
		if h.Since.IsZero() {
			h.Since = s.Now()
		}
		a.Health = h
		ev.add(Event{Kind: EventAccount, Account: id})
		return tx.PutAccount(&a)
	})
}

// Accounts lists every account, disabled ones included.
func (s *Service) Accounts() ([]Account, error) {
	var as []Account
	err := s.store.View(func(tx ReadTx) (err error) {
		as, err = tx.Accounts()
		return err
	})
	return as, err
}

// Templates lists the templates that are not archived.
func (s *Service) Templates() ([]Template, error) {
	var ts []Template
	err := s.store.View(func(tx ReadTx) error {
		all, err := tx.Templates()
		for _, t := range all {
			if !t.Archived {
				ts = append(ts, t)
			}
		}
		return err
	})
	return ts, err
}

// SaveTemplate creates or changes a template. Its text may only use known fields.
func (s *Service) SaveTemplate(t Template) (Template, error) {
	if strings.TrimSpace(t.Title) == "" || strings.TrimSpace(t.Text) == "" {
		return Template{}, Errorf(CodeInvalid, "template.title_text_required", nil)
	}
	if _, problems := RenderTemplate(t.Text, TemplateData{}); len(problems) > 0 {
		for _, p := range problems {
			if p.Reason == "template.unknown_field" {
				return Template{}, Errorf(CodeInvalid, p.Reason, map[string]any{"Field": p.Field})
			}
		}
	}
	err := s.update(func(tx Tx, ev *events) error {
		ev.add(Event{Kind: EventSettings})
		return tx.PutTemplate(&t)
	})
	return t, err
}

// Salon returns the salon's details.
func (s *Service) Salon() (Salon, error) {
	var sl Salon
	err := s.store.View(func(tx ReadTx) (err error) {
		sl, err = tx.Salon()
		return err
	})
	return sl, err
}

// SetSalon changes the salon's details.
func (s *Service) SetSalon(sl Salon) error {
	return s.update(func(tx Tx, ev *events) error {
		ev.add(Event{Kind: EventSettings})
		return tx.PutSalon(sl)
	})
}

// SaveVisit creates or changes a client's visit.
func (s *Service) SaveVisit(v Visit) (Visit, error) {
	return v, s.saveClientItem(v.Client, func(tx Tx) error { return tx.PutVisit(&v) })
}

// SaveTask creates or changes a task.
func (s *Service) SaveTask(t Task) (Task, error) {
	return t, s.saveClientItem(t.Client, func(tx Tx) error { return tx.PutTask(&t) })
}

func (s *Service) saveClientItem(client ClientID, put func(Tx) error) error {
	return s.update(func(tx Tx, ev *events) error {
		ev.add(Event{Kind: EventClient, Client: client})
		return put(tx)
	})
}
