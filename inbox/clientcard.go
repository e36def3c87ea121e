package inbox

import (
	"fmt"
	"slices"
)

// SaveClient creates a client (c.ID zero) or saves the edits of a card, as operator op.
// The card is checked as a whole: every wrong field comes back at once in an *Error's
// Fields (the first one also as its Key: client.name_required, client.bad_phone with
// the Phone, client.bad_email, client.birthday_future, client.bad_birthday,
// client.bad_gender), and nothing is saved then. Phones are normalised and
// de-duplicated; the first one is the main one. Every changed field is recorded in the
// card's history (a new card as one "created" record), and the chats of the client show
// its new name. Created and MergedInto are kept as stored; a merged card cannot be
// edited (client.merged).
func (s *Service) SaveClient(op OperatorID, c Client) (Client, error) {
	c.Phones = slices.Clone(c.Phones)
	if err := invalidFields(checkClient(&c, s.Now())); err != nil {
		return Client{}, err
	}
	err := s.update(func(tx Tx, ev *events) error {
		log, err := newChangeLog(tx, s.Now(), op)
		if err != nil {
			return err
		}
		if c.ID == 0 {
			return createClient(tx, log, &c, ev)
		}
		old, err := tx.Client(c.ID)
		if err != nil {
			return fmt.Errorf("client %d: %w", c.ID, err)
		}
		if old.MergedInto != 0 {
			return Errorf(CodeConflict, "client.merged", map[string]any{"Client": old.DisplayName()})
		}
		c.Created, c.MergedInto = old.Created, 0
		return saveClient(tx, log, &old, &c, ev)
	})
	if err != nil {
		return Client{}, err
	}
	return c, nil
}

// createClient stores a new card and records its creation.
func createClient(tx Tx, log changeLog, c *Client, ev *events) error {
	c.MergedInto = 0
	if c.Created.IsZero() {
		c.Created = log.at
	}
	if err := tx.PutClient(c); err != nil {
		return err
	}
	ev.add(Event{Kind: EventClient, Client: c.ID})
	return log.add(c.ID, ClientChange{Field: ChangeCreated, New: c.DisplayName()})
}

// saveClient stores the new version of a card when it differs from old, records each
// changed field and renames the client's chats.
func saveClient(tx Tx, log changeLog, old, c *Client, ev *events) error {
	if sameCard(old, c) {
		return nil
	}
	if err := tx.PutClient(c); err != nil {
		return err
	}
	ev.add(Event{Kind: EventClient, Client: c.ID})
	if err := log.diff(old, c); err != nil {
		return err
	}
	return renameChats(tx, c, ev)
}

// sameCard reports whether two versions of a card hold the same data.
func sameCard(a, b *Client) bool {
	for _, f := range clientFields {
		if f.get(a) != f.get(b) {
			return false
		}
	}
	return a.MergedInto == b.MergedInto && a.Created.Equal(b.Created) && slices.Equal(a.Phones, b.Phones)
}

// renameChats makes the chats of a client show its current name.
func renameChats(tx Tx, c *Client, ev *events) error {
	chats, err := tx.ChatsOfClient(c.ID)
	if err != nil {
		return err
	}
	for _, ch := range chats {
		if ch.ClientName == c.DisplayName() {
			continue
		}
		ch.ClientName = c.DisplayName()
		if err := tx.PutChat(&ch); err != nil {
			return err
		}
		ev.add(Event{Kind: EventChat, Chat: ch.ID, Client: c.ID})
	}
	return nil
}

// SetMainPhone makes phone (any notation; it must be one of the client's) the client's
// main phone, moving it first, and records the change.
func (s *Service) SetMainPhone(op OperatorID, id ClientID, phone string) error {
	n := NormalizePhone(phone)
	return s.update(func(tx Tx, ev *events) error {
		c, err := tx.Client(id)
		if err != nil {
			return fmt.Errorf("client %d: %w", id, err)
		}
		i := slices.Index(c.Phones, n)
		if n == "" || i < 0 {
			return Errorf(CodeInvalid, "client.no_such_phone", map[string]any{"Phone": phone})
		}
		if c.MergedInto != 0 {
			return Errorf(CodeConflict, "client.merged", map[string]any{"Client": c.DisplayName()})
		}
		old := c
		c.Phones = slices.Concat([]string{n}, c.Phones[:i], c.Phones[i+1:])
		log, err := newChangeLog(tx, s.Now(), op)
		if err != nil {
			return err
		}
		return saveClient(tx, log, &old, &c, ev)
	})
}
