package inbox

import (
	"strings"
	"time"
	"unicode/utf8"
)

// previewLen is how many characters of a message's first line a list row keeps.
const previewLen = 120

// appendToDialog stores m in dialog d and updates the dialog's derived fields: last
// activity, and for client-visible messages the preview and the "awaiting reply" flag.
func appendToDialog(tx Tx, d *Dialog, m *Message) error {
	m.Dialog = d.ID
	m.Chat = d.Chat
	if err := tx.AppendMessage(m); err != nil {
		return err
	}
	if m.At.After(d.LastActivity) {
		d.LastActivity = m.At
	}
	switch m.Direction {
	case DirInbound:
		if !d.Awaiting {
			d.WaitingSince = m.At
		}
		d.Awaiting = true
		d.Unread++
	case DirOutbound:
		d.Awaiting = false
		d.WaitingSince = time.Time{}
		d.Unread = 0
	default:
		return tx.PutDialog(d)
	}
	d.LastMessage = m.ID
	d.Preview = Preview(*m)
	d.PreviewDirection = m.Direction
	return tx.PutDialog(d)
}

// Preview is the first line of a message's text, shortened for a list row; a message
// with only an attachment previews as the attachment's name.
func Preview(m Message) string {
	text := strings.TrimSpace(m.CurrentText())
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = strings.TrimSpace(text[:i])
	}
	if text == "" && len(m.Attachments) > 0 {
		a := m.Attachments[0]
		text = a.Name
		if text == "" {
			text = string(a.Kind)
		}
		text = "📎 " + text
	}
	if utf8.RuneCountInString(text) > previewLen {
		r := []rune(text)
		text = string(r[:previewLen-1]) + "…"
	}
	return text
}

// addSystem appends a system message recording what an operator did.
func addSystem(tx Tx, d *Dialog, at time.Time, ev SystemEvent) (MessageID, error) {
	m := &Message{Direction: DirSystem, At: at, System: &ev}
	if err := appendToDialog(tx, d, m); err != nil {
		return 0, err
	}
	return m.ID, nil
}

// operatorName returns an operator's name for a system message, or "" for none.
func operatorName(tx ReadTx, id OperatorID) (string, error) {
	if id == 0 {
		return "", nil
	}
	op, err := tx.Operator(id)
	if err != nil {
		return "", err
	}
	return op.Name, nil
}

// newDialog opens a fresh dialog in a chat and makes it the chat's current one. A
// dialog opened by a client's message opens awaiting a reply, in the tab that message
// leaves it in: put in another tab first, the store would list it and count it there and
// move it again in the same transaction, writing two list pages more.
func newDialog(tx Tx, c *Chat, at time.Time, awaiting bool) (*Dialog, error) {
	d := &Dialog{Chat: c.ID, Status: DialogOpen, Opened: at, LastActivity: at}
	if awaiting {
		d.Awaiting, d.WaitingSince = true, at
	}
	if err := tx.PutDialog(d); err != nil {
		return nil, err
	}
	c.Dialog = d.ID
	if err := tx.PutChat(c); err != nil {
		return nil, err
	}
	return d, nil
}
