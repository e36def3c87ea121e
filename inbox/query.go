package inbox

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Dialogs returns a page of a filter tab, newest activity first; pass the returned
// cursor to get the next page (a zero cursor means there is none).
func (s *Service) Dialogs(f Filter, after ListCursor, n int) (rows []DialogRow, next ListCursor, err error) {
	if f.Owner == OwnerMine && f.Me == 0 {
		return nil, ListCursor{}, nil
	}
	err = s.store.View(func(tx ReadTx) error {
		rows, next, err = tx.Dialogs(f, after, n)
		return err
	})
	return rows, next, err
}

// Counts returns every number the filter rows show, for operator me.
func (s *Service) Counts(me OperatorID) (Counts, error) {
	var c Counts
	err := s.store.View(func(tx ReadTx) error {
		var err error
		if c.All, err = tx.ClassCounts(AllOwners); err != nil {
			return err
		}
		if c.Unassigned, err = tx.ClassCounts(0); err != nil {
			return err
		}
		c.Mine = ClassCounts{}
		if me != 0 {
			c.Mine, err = tx.ClassCounts(uint64(me))
		}
		return err
	})
	return c, err
}

// Search finds chats by client name, chat name or phone (any notation) and returns each
// one's current dialog, newest activity first.
func (s *Service) Search(q string, limit int) ([]DialogRow, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, nil
	}
	var rows []DialogRow
	err := s.store.View(func(tx ReadTx) error {
		ids, err := tx.SearchChats(q, limit)
		if err != nil {
			return err
		}
		rows = make([]DialogRow, 0, len(ids))
		for _, id := range ids {
			row, ok, err := currentRow(tx, id)
			if err != nil {
				return err
			}
			if ok {
				rows = append(rows, row)
			}
		}
		return nil
	})
	sortRows(rows)
	return rows, err
}

func currentRow(tx ReadTx, id ChatID) (DialogRow, bool, error) {
	c, err := tx.Chat(id)
	if err != nil {
		return DialogRow{}, false, fmt.Errorf("chat %d: %w", id, err)
	}
	if c.Dialog == 0 {
		return DialogRow{}, false, nil
	}
	d, err := tx.Dialog(c.Dialog)
	if err != nil {
		return DialogRow{}, false, fmt.Errorf("dialog %d: %w", c.Dialog, err)
	}
	return DialogRow{Dialog: d, Chat: c}, true, nil
}

// sortRows orders rows newest activity first, the order of the chat list.
func sortRows(rows []DialogRow) {
	slices.SortFunc(rows, func(a, b DialogRow) int {
		if c := b.Dialog.LastActivity.Compare(a.Dialog.LastActivity); c != 0 {
			return c
		}
		return cmp.Compare(b.Dialog.ID, a.Dialog.ID)
	})
}

// Row returns one dialog with its chat.
func (s *Service) Row(id DialogID) (DialogRow, error) {
	var row DialogRow
	err := s.store.View(func(tx ReadTx) error {
		d, err := tx.Dialog(id)
		if err != nil {
			return err
		}
		c, err := tx.Chat(d.Chat)
		row = DialogRow{Dialog: d, Chat: c}
		return err
	})
	return row, err
}

// Messages returns up to n messages of a chat before a message id (0: the newest), in
// ascending order: the thread's last page, or an older one as the operator scrolls up.
func (s *Service) Messages(chat ChatID, before MessageID, n int) ([]Message, error) {
	var ms []Message
	err := s.store.View(func(tx ReadTx) error {
		var err error
		ms, err = tx.Messages(chat, before, n)
		return err
	})
	return ms, err
}

// Message returns one message with its delivery and revisions.
func (s *Service) Message(id MessageID) (Message, error) {
	var m Message
	err := s.store.View(func(tx ReadTx) error {
		var err error
		m, err = tx.Message(id)
		return err
	})
	return m, err
}

// Chat returns one chat.
func (s *Service) Chat(id ChatID) (Chat, error) {
	var c Chat
	err := s.store.View(func(tx ReadTx) error {
		var err error
		c, err = tx.Chat(id)
		return err
	})
	return c, err
}
