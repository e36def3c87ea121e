package vk

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"salonchat/inbox"
)

// event is one decoded long poll event; only the field of its type is set.
type event struct {
	typ     string
	id      string   // VK's event_id, unique per event
	msg     *message // message_new, message_edit, message_reply
	consent *consent // message_allow, message_deny
	read    *readReceipt
}

// peer is the dialog an event belongs to (0 when unknown).
func (e event) peer() int {
	switch {
	case e.msg != nil:
		return e.msg.PeerID
	case e.consent != nil:
		return e.consent.UserID
	case e.read != nil:
		return e.read.PeerID
	}
	return 0
}

// message is the part of VK's message object (API 5.131) this package reads.
type message struct {
	ID           int          `json:"id"`
	Date         int64        `json:"date"`
	UpdateTime   int64        `json:"update_time"`
	PeerID       int          `json:"peer_id"`
	FromID       int          `json:"from_id"`
	Out          flexBool     `json:"out"`
	Text         string       `json:"text"`
	Attachments  []attachment `json:"attachments"`
	Geo          *geo         `json:"geo"`
	ReplyMessage *message     `json:"reply_message"`
	FwdMessages  []message    `json:"fwd_messages"`
}

type consent struct {
	UserID int `json:"user_id"`
}

type readReceipt struct {
	FromID        int `json:"from_id"`
	PeerID        int `json:"peer_id"`
	ReadMessageID int `json:"read_message_id"`
}

// flexBool reads 0/1 as well as false/true (VK uses both).
type flexBool bool

func (f *flexBool) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	*f = flexBool(s == "1" || s == "true")
	return nil
}

// decodeEvent decodes one event. A field whose JSON does not fit this package's model
// (a newer API) is left empty and reported, rather than blocking the queue: the rest of
// the message is still stored.
func decodeEvent(raw json.RawMessage) (event, error) {
	var env struct {
		Type    string          `json:"type"`
		EventID string          `json:"event_id"`
		Object  json.RawMessage `json:"object"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return event{}, err
	}
	ev := event{typ: env.Type, id: env.EventID}
	var err error
	switch env.Type {
	case "message_new":
		var o struct {
			Message *message `json:"message"`
		}
		err = lenient(json.Unmarshal(env.Object, &o))
		if ev.msg = o.Message; ev.msg == nil && err == nil {
			ev.msg = &message{} // API before 5.103: the object is the message itself
			err = lenient(json.Unmarshal(env.Object, ev.msg))
		}
	case "message_edit", "message_reply":
		ev.msg = &message{}
		err = lenient(json.Unmarshal(env.Object, ev.msg))
	case "message_allow", "message_deny":
		ev.consent = &consent{}
		err = json.Unmarshal(env.Object, ev.consent)
	case "message_read":
		ev.read = &readReceipt{}
		err = json.Unmarshal(env.Object, ev.read)
	}
	return ev, err
}

// lenient turns a type mismatch into a reported, non-fatal error: json.Unmarshal has
// filled every other field.
func lenient(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &partialError{err}
	}
	return err
}

type partialError struct{ error }

// toInbound turns a client's message or edit into an Inbound and lists the files to
// fetch. It returns ok=false for what is not a client's message to the community:
// group chats, the community's own messages (out=1, including SalonChat's sends and
// replies typed in VK) and message_reply.
func (c *Connector) toInbound(ev event) (in inbox.Inbound, files []remoteFile, ok bool) {
	m := ev.msg
	if m == nil || (ev.typ != "message_new" && ev.typ != "message_edit") ||
		bool(m.Out) || m.ID <= 0 || m.PeerID <= 0 || m.PeerID >= chatPeerBase || m.FromID <= 0 {
		return in, nil, false
	}
	in = inbox.Inbound{
		Peer:       MakePeerID(m.PeerID),
		ExternalID: MakeMessageID(m.ID),
		At:         time.Unix(m.Date, 0).UTC(),
		Text:       m.Text,
	}
	if n, ok := c.names.get(m.FromID); ok {
		in.ChatName, in.Username = n.name, n.username
	}
	if ev.typ == "message_edit" {
		at := m.UpdateTime
		if at == 0 {
			at = m.Date
		}
		in.ExternalID, in.EditOf, in.At = MakeEditID(m.ID, at), MakeMessageID(m.ID), time.Unix(at, 0).UTC()
	}
	if r := m.ReplyMessage; r != nil && r.ID > 0 {
		in.ReplyTo = MakeMessageID(r.ID)
	}
	in.Text = withForwarded(in.Text, m.FwdMessages)
	files = c.addAttachments(&in, m)
	if ev.typ == "message_edit" {
		// An edit keeps only its text beside the original; its files are the original's.
		files = nil
	}
	if strings.TrimSpace(in.Text) == "" && len(in.Attachments) == 0 {
		return in, nil, false
	}
	return in, files, true
}

// withForwarded appends the texts of forwarded messages, quoted, to a message's text.
func withForwarded(text string, fwd []message) string {
	var lines []string
	for _, f := range fwd {
		for _, l := range strings.Split(strings.TrimSpace(f.Text), "\n") {
			if l != "" {
				lines = append(lines, "» "+l)
			}
		}
	}
	if len(lines) == 0 {
		return text
	}
	if text != "" {
		text += "\n"
	}
	return text + strings.Join(lines, "\n")
}
