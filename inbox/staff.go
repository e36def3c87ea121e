package inbox

import (
	"fmt"
	"strings"
)

// RenameOperator changes an operator's name. System messages and histories keep the
// name the operator had when they acted.
func (s *Service) RenameOperator(id OperatorID, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return Errorf(CodeInvalid, "operator.name_required", nil)
	}
	return s.changeOperator(id, func(tx ReadTx, o *Operator) error {
		o.Name = name
		return nil
	})
}

// SetOperatorActive deactivates an operator who left (or brings one back). A
// deactivated operator keeps their history; the last active operator cannot be
// deactivated (operator.last_active), or nobody could work.
func (s *Service) SetOperatorActive(id OperatorID, active bool) error {
	return s.changeOperator(id, func(tx ReadTx, o *Operator) error {
		if !active && o.Active {
			ops, err := tx.Operators()
			if err != nil {
				return err
			}
			n := 0
			for _, x := range ops {
				if x.Active {
					n++
				}
			}
			if n <= 1 {
				return Errorf(CodeConflict, "operator.last_active", nil)
			}
		}
		o.Active = active
		return nil
	})
}

func (s *Service) changeOperator(id OperatorID, change func(ReadTx, *Operator) error) error {
	return s.update(func(tx Tx, ev *events) error {
		o, err := tx.Operator(id)
		if err != nil {
			return fmt.Errorf("operator %d: %w", id, err)
		}
		old := o
		if err := change(tx, &o); err != nil || o == old {
			return err
		}
		ev.add(Event{Kind: EventSettings})
		return tx.PutOperator(&o)
	})
}

// AllTemplates lists every template, archived ones included, in id order, for the
// template editor.
func (s *Service) AllTemplates() ([]Template, error) {
	var ts []Template
	err := s.store.View(func(tx ReadTx) (err error) {
		ts, err = tx.Templates()
		return err
	})
	return ts, err
}

// ArchiveTemplate takes a template out of the composer's list. Templates are never
// deleted; RestoreTemplate brings one back.
func (s *Service) ArchiveTemplate(id TemplateID) error { return s.setArchived(id, true) }

// RestoreTemplate brings an archived template back to the composer's list.
func (s *Service) RestoreTemplate(id TemplateID) error { return s.setArchived(id, false) }

func (s *Service) setArchived(id TemplateID, archived bool) error {
	return s.update(func(tx Tx, ev *events) error {
		all, err := tx.Templates()
		if err != nil {
			return err
		}
		for _, t := range all {
			if t.ID != id {
				continue
			}
			if t.Archived == archived {
				return nil
			}
			t.Archived = archived
			ev.add(Event{Kind: EventSettings})
			return tx.PutTemplate(&t)
		}
		return fmt.Errorf("template %d: %w", id, ErrNotFound)
	})
}
