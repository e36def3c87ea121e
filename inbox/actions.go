package inbox

import (
	"fmt"
	"time"
)

// Postponement is a quick choice of the clock button.
type Postponement int

const (
	PostponeHour Postponement = iota + 1
	PostponeDay
	PostponeWeek
)

// Until returns the moment a quick postponement ends, counted from now.
func (p Postponement) Until(now time.Time) time.Time {
	switch p {
	case PostponeHour:
		return now.Add(time.Hour)
	case PostponeDay:
		return now.AddDate(0, 0, 1)
	}
	return now.AddDate(0, 0, 7)
}

// CloseDialog closes a dialog whose question is resolved, noting who and when.
func (s *Service) CloseDialog(op OperatorID, id DialogID) error {
	return s.act(op, id, func(d *Dialog, now time.Time, who string) (*SystemEvent, error) {
		if d.Status == DialogClosed {
			return nil, Errorf(CodeConflict, "dialog.already_closed", nil)
		}
		d.Status, d.Closed, d.PostponedUntil = DialogClosed, now, time.Time{}
		return &SystemEvent{Kind: SysClosed, Operator: op, OperatorName: who}, nil
	})
}

// Assign gives a dialog to target (zero: nobody), noting who did it and when. Assigning
// to the current assignee changes nothing.
func (s *Service) Assign(op OperatorID, id DialogID, target OperatorID) error {
	var targetName string
	return s.act(op, id, func(d *Dialog, now time.Time, who string) (*SystemEvent, error) {
		if d.Assignee == target {
			return nil, nil
		}
		d.Assignee = target
		return &SystemEvent{Kind: SysAssigned, Operator: op, OperatorName: who, Target: target, TargetName: targetName}, nil
	}, func(tx ReadTx) (err error) {
		targetName, err = operatorName(tx, target)
		return err
	})
}

// Postpone puts a dialog aside until a moment in the future; it comes back to open on its
// own then, or earlier when the client writes.
func (s *Service) Postpone(op OperatorID, id DialogID, until time.Time) error {
	until = until.UTC()
	return s.act(op, id, func(d *Dialog, now time.Time, who string) (*SystemEvent, error) {
		if d.Status == DialogClosed {
			return nil, Errorf(CodeConflict, "dialog.closed", nil)
		}
		if !until.After(now) {
			return nil, Errorf(CodeInvalid, "postpone.in_past", nil)
		}
		d.Status, d.PostponedUntil = DialogPostponed, until
		return &SystemEvent{Kind: SysPostponed, Operator: op, OperatorName: who, Until: until}, nil
	})
}

// PostponeFor is Postpone with a quick choice (1 hour, 1 day, 1 week).
func (s *Service) PostponeFor(op OperatorID, id DialogID, p Postponement) error {
	return s.Postpone(op, id, p.Until(s.Now()))
}

// act applies an operator's change to a dialog and records it as a system message, in
// one transaction. change returns nil for "nothing to do". prepare reads what the
// change needs before it runs.
func (s *Service) act(op OperatorID, id DialogID, change func(d *Dialog, now time.Time, who string) (*SystemEvent, error), prepare ...func(ReadTx) error) error {
	return s.update(func(tx Tx, ev *events) error {
		who, err := operatorName(tx, op)
		if err != nil {
			return fmt.Errorf("operator %d: %w", op, err)
		}
		for _, p := range prepare {
			if err := p(tx); err != nil {
				return err
			}
		}
		d, err := tx.Dialog(id)
		if err != nil {
			return fmt.Errorf("dialog %d: %w", id, err)
		}
		now := s.Now()
		sys, err := change(&d, now, who)
		if err != nil || sys == nil {
			return err
		}
		mid, err := addSystem(tx, &d, now, *sys)
		if err != nil {
			return err
		}
		ev.add(Event{Kind: EventMessage, Chat: d.Chat, Dialog: d.ID, Message: mid})
		ev.add(Event{Kind: EventDialog, Chat: d.Chat, Dialog: d.ID})
		return nil
	})
}

// ReturnDue brings back to open every postponed dialog whose time has come, and says
// how many it returned.
func (s *Service) ReturnDue() (int, error) {
	n := 0
	err := s.update(func(tx Tx, ev *events) error {
		now := s.Now()
		due, err := tx.PostponedDue(now)
		if err != nil {
			return err
		}
		n = 0
		for _, id := range due {
			d, err := tx.Dialog(id)
			if err != nil {
				return fmt.Errorf("dialog %d: %w", id, err)
			}
			if d.Status != DialogPostponed {
				continue
			}
			d.Status, d.PostponedUntil = DialogOpen, time.Time{}
			mid, err := addSystem(tx, &d, now, SystemEvent{Kind: SysReturned})
			if err != nil {
				return err
			}
			ev.add(Event{Kind: EventMessage, Chat: d.Chat, Dialog: d.ID, Message: mid})
			ev.add(Event{Kind: EventDialog, Chat: d.Chat, Dialog: d.ID})
			n++
		}
		return nil
	})
	return n, err
}

// MarkRead clears a dialog's unread count when an operator opens it.
func (s *Service) MarkRead(id DialogID) error {
	return s.update(func(tx Tx, ev *events) error {
		d, err := tx.Dialog(id)
		if err != nil || d.Unread == 0 {
			return err
		}
		d.Unread = 0
		ev.add(Event{Kind: EventDialog, Chat: d.Chat, Dialog: d.ID})
		return tx.PutDialog(&d)
	})
}
