package inbox

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Fields of the client card: what a ClientChange and a FieldError name.
const (
	FieldName       = "name"
	FieldSurname    = "surname"
	FieldFirstName  = "first_name"
	FieldPatronymic = "patronymic"
	FieldPhones     = "phones"
	FieldEmail      = "email"
	FieldBirthday   = "birthday"
	FieldGender     = "gender"
	FieldNotes      = "notes"
	FieldSource     = "source"
	FieldConsent    = "consent"
)

// Events of a card's history that are not a field edit (ClientChange.Field).
const (
	ChangeCreated      = "created"       // New: the name the card was created with
	ChangeChatAttached = "chat_attached" // Chat; New: the chat's title
	ChangeChatDetached = "chat_detached" // Chat; Old: the chat's title
	ChangeMergedFrom   = "merged_from"   // Other: the double merged in; Old: its name
	ChangeMergedInto   = "merged_into"   // Other: the card kept; New: its name
)

// ClientChange is one entry of a client card's history: one changed field, a chat
// attached or detached, a merge, or the card's creation.
type ClientChange struct {
	Client ClientID
	At     time.Time
	// Operator who made the change and the name at that moment; zero and "" when
	// SalonChat did it on its own (a new chat linked by its phone).
	Operator     OperatorID
	OperatorName string
	// Field is a Field* constant for an edit, or a Change* event.
	Field string
	// Old and New are the values as text: phones formatted ("+7 912 345-67-89") and
	// joined by ", ", the birthday as YYYY-MM-DD, gender as its Gender value, consent as
	// "true" or "false".
	Old, New string
	Chat     ChatID   // ChangeChatAttached, ChangeChatDetached
	Other    ClientID // ChangeMergedFrom, ChangeMergedInto
}

// clientFields reads each recorded field of a card as the text its history keeps.
var clientFields = []struct {
	name string
	get  func(*Client) string
}{
	{FieldName, func(c *Client) string { return c.Name }},
	{FieldSurname, func(c *Client) string { return c.Surname }},
	{FieldFirstName, func(c *Client) string { return c.FirstName }},
	{FieldPatronymic, func(c *Client) string { return c.Patronymic }},
	{FieldPhones, func(c *Client) string { return phonesText(c.Phones) }},
	{FieldEmail, func(c *Client) string { return c.Email }},
	{FieldBirthday, func(c *Client) string { return dateText(c.Birthday) }},
	{FieldGender, func(c *Client) string { return string(c.Gender) }},
	{FieldNotes, func(c *Client) string { return c.Notes }},
	{FieldSource, func(c *Client) string { return c.Source }},
	{FieldConsent, func(c *Client) string { return strconv.FormatBool(c.Consent) }},
}

func phonesText(phones []string) string {
	out := make([]string, len(phones))
	for i, p := range phones {
		out[i] = FormatPhone(p)
	}
	return strings.Join(out, ", ")
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// changeLog writes history records of one action: one operator, one moment.
type changeLog struct {
	tx  Tx
	at  time.Time
	op  OperatorID
	who string
}

func newChangeLog(tx Tx, at time.Time, op OperatorID) (changeLog, error) {
	who, err := operatorName(tx, op)
	if err != nil {
		return changeLog{}, fmt.Errorf("operator %d: %w", op, err)
	}
	return changeLog{tx: tx, at: at, op: op, who: who}, nil
}

// add records ch in the history of client id.
func (l changeLog) add(id ClientID, ch ClientChange) error {
	ch.Client, ch.At, ch.Operator, ch.OperatorName = id, l.at, l.op, l.who
	if err := l.tx.AddClientChange(id, ch); err != nil {
		return fmt.Errorf("history of client %d: %w", id, err)
	}
	return nil
}

// diff records one change per field that differs between two versions of a card.
func (l changeLog) diff(old, c *Client) error {
	for _, f := range clientFields {
		if o, n := f.get(old), f.get(c); o != n {
			if err := l.add(c.ID, ClientChange{Field: f.name, Old: o, New: n}); err != nil {
				return err
			}
		}
	}
	return nil
}

// ClientHistory lists a client's recorded changes, oldest first: edits by field,
// creation, chats attached and detached, merges.
func (s *Service) ClientHistory(id ClientID) ([]ClientChange, error) {
	var out []ClientChange
	err := s.store.View(func(tx ReadTx) (err error) {
		out, err = tx.ClientHistory(id)
		return err
	})
	return out, err
}
