package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"salonchat/inbox"
)

const secHistory = "history"

// history is the card's История: every recorded change, newest first, with who made it
// and when — "20.11 09:31 · Анна Петрова · Телефоны: было …, стало …".
func (c *clientCard) history() section {
	tr := c.u.tr
	changes, err := c.u.svc.ClientHistory(c.id)
	if err != nil {
		c.u.log.Error("client card: history", "client", c.id, "err", err)
	}
	slices.Reverse(changes)
	items := make([]fyne.CanvasObject, 0, len(changes))
	for _, ch := range changes {
		who := ch.OperatorName
		if ch.Operator == 0 || who == "" {
			who = tr.T("client.change.auto")
		}
		head := joinDot(localTime(ch.At).Format(tr.T("card.format.history")), who)
		items = append(items, plainText(caption(head), textLine{text: c.changeText(ch)}))
	}
	return section{key: secHistory, title: tr.T("card.section.history", map[string]any{"Count": len(changes)}),
		count: len(changes), body: itemList(items, tr.T("card.empty.history"))}
}

// changeText says what one change was, in words.
func (c *clientCard) changeText(ch inbox.ClientChange) string {
	tr := c.u.tr
	label := tr.T("client.change." + ch.Field)
	switch ch.Field {
	case inbox.ChangeMergedFrom:
		return tr.T("client.change.merged_from", map[string]any{"Client": ch.Old})
	case inbox.ChangeMergedInto:
		return tr.T("client.change.merged_into", map[string]any{"Client": ch.New})
	case inbox.ChangeCreated, inbox.ChangeChatAttached:
		return label + ": " + ch.New
	case inbox.ChangeChatDetached:
		return label + ": " + ch.Old
	}
	return tr.T("card.change.edit", map[string]any{"Field": label,
		"Old": c.changeValue(ch.Field, ch.Old), "New": c.changeValue(ch.Field, ch.New)})
}

// changeValue shows a recorded value as the card shows the field.
func (c *clientCard) changeValue(field, v string) string {
	tr := c.u.tr
	switch {
	case v == "":
		return "—"
	case field == inbox.FieldBirthday:
		if t, err := time.Parse(time.DateOnly, v); err == nil {
			return t.Format(tr.T("client.format.date"))
		}
	case field == inbox.FieldGender:
		return c.genderName(inbox.Gender(v))
	case field == inbox.FieldConsent:
		if v == "true" {
			return tr.T("card.consent.yes")
		}
		return tr.T("card.consent.no")
	}
	return v
}
