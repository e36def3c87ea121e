package export

import (
	"time"

	"salonchat/inbox"
)

// Chat is one external peer on one account.
type Chat struct {
	Type       string          `json:"type"`
	ID         inbox.ChatID    `json:"id"`
	Account    inbox.AccountID `json:"account"`
	Network    inbox.Network   `json:"network"`
	Peer       inbox.PeerID    `json:"peer"`
	Name       string          `json:"name,omitempty"`
	Username   string          `json:"username,omitempty"`
	Phone      string          `json:"phone,omitempty"`
	Client     inbox.ClientID  `json:"client,omitempty"`
	ClientName string          `json:"client_name,omitempty"`
	Dialog     inbox.DialogID  `json:"dialog,omitempty"` // the current one
	Created    time.Time       `json:"created,omitzero"`
	// Via is the business connection the chat came through (Telegram Business).
	Via inbox.ConnectionID `json:"via,omitempty"`
}

// Dialog is one episode of a chat.
type Dialog struct {
	Type           string           `json:"type"`
	ID             inbox.DialogID   `json:"id"`
	Chat           inbox.ChatID     `json:"chat"`
	Status         string           `json:"status"` // open, postponed, closed
	Assignee       inbox.OperatorID `json:"assignee,omitempty"`
	PostponedUntil time.Time        `json:"postponed_until,omitzero"`
	Awaiting       bool             `json:"awaiting"`
	WaitingSince   time.Time        `json:"waiting_since,omitzero"`
	Unread         int              `json:"unread,omitempty"`
	Opened         time.Time        `json:"opened,omitzero"`
	Closed         time.Time        `json:"closed,omitzero"`
	LastActivity   time.Time        `json:"last_activity,omitzero"`
}

// Message is one entry of a chat's timeline. Text is as first received; Revisions hold
// the client's later edits.
type Message struct {
	Type        string           `json:"type"`
	ID          inbox.MessageID  `json:"id"`
	Chat        inbox.ChatID     `json:"chat"`
	Dialog      inbox.DialogID   `json:"dialog"`
	Direction   string           `json:"direction"` // inbound, outbound, system
	At          time.Time        `json:"at"`
	ExternalID  inbox.ExternalID `json:"external_id,omitempty"`
	Text        string           `json:"text,omitempty"`
	Attachments []Attachment     `json:"attachments,omitempty"`
	ReplyTo     inbox.ExternalID `json:"reply_to,omitempty"`
	Author      inbox.OperatorID `json:"author,omitempty"`
	System      *System          `json:"system,omitempty"`
	// Elsewhere: typed on the salon's account in the network's own app, not in SalonChat.
	Elsewhere bool       `json:"elsewhere,omitempty"`
	Delivery  *Delivery  `json:"delivery,omitempty"`
	Revisions []Revision `json:"revisions,omitempty"`
	// Deleted is when the message was deleted on the network's side; Text is kept.
	Deleted time.Time `json:"deleted,omitzero"`
}

// Attachment is a file or item of a message. The network's download handle is not
// exported: it is useless outside SalonChat.
type Attachment struct {
	Kind  inbox.AttachmentKind `json:"kind"`
	Name  string               `json:"name,omitempty"`
	MIME  string               `json:"mime,omitempty"`
	Size  int64                `json:"size,omitempty"`
	Path  string               `json:"path,omitempty"` // relative to the data folder
	Lat   float64              `json:"lat,omitempty"`
	Lon   float64              `json:"lon,omitempty"`
	Phone string               `json:"phone,omitempty"`
	URL   string               `json:"url,omitempty"`
}

// System is what a system note records: who did what, and when.
type System struct {
	Kind         inbox.SystemKind `json:"kind"`
	Operator     inbox.OperatorID `json:"operator,omitempty"`
	OperatorName string           `json:"operator_name,omitempty"`
	Target       inbox.OperatorID `json:"target,omitempty"`
	TargetName   string           `json:"target_name,omitempty"`
	Until        time.Time        `json:"until,omitzero"`
	ClientName   string           `json:"client_name,omitempty"`
}

// Delivery is where an outbound message stands.
type Delivery struct {
	State      string           `json:"state"` // queued, sent, delivered, read, failed
	Reason     string           `json:"reason,omitempty"`
	Detail     string           `json:"detail,omitempty"`
	ExternalID inbox.ExternalID `json:"external_id,omitempty"`
	At         time.Time        `json:"at,omitzero"`
	Attempts   int              `json:"attempts,omitempty"`
}

// Revision is an edit the client made on their side.
type Revision struct {
	At         time.Time        `json:"at"`
	Text       string           `json:"text"`
	ExternalID inbox.ExternalID `json:"external_id,omitempty"`
}

func chatRecord(c inbox.Chat) Chat {
	return Chat{Type: "chat", ID: c.ID, Account: c.Account, Network: c.Network, Peer: c.Peer, Name: c.Name,
		Username: c.Username, Phone: c.Phone, Client: c.Client, ClientName: c.ClientName, Dialog: c.Dialog, Created: c.Created, Via: c.Via}
}

func dialogRecord(d inbox.Dialog) Dialog {
	return Dialog{Type: "dialog", ID: d.ID, Chat: d.Chat, Status: dialogStatus[d.Status], Assignee: d.Assignee,
		PostponedUntil: d.PostponedUntil, Awaiting: d.Awaiting, WaitingSince: d.WaitingSince, Unread: d.Unread,
		Opened: d.Opened, Closed: d.Closed, LastActivity: d.LastActivity}
}

var (
	dialogStatus  = map[inbox.DialogStatus]string{inbox.DialogOpen: "open", inbox.DialogPostponed: "postponed", inbox.DialogClosed: "closed"}
	direction     = map[inbox.Direction]string{inbox.DirInbound: "inbound", inbox.DirOutbound: "outbound", inbox.DirSystem: "system"}
	deliveryState = map[inbox.DeliveryState]string{inbox.Queued: "queued", inbox.Sent: "sent", inbox.Delivered: "delivered",
		inbox.Read: "read", inbox.Failed: "failed"}
)

func messageRecord(m inbox.Message) Message {
	r := Message{Type: "message", ID: m.ID, Chat: m.Chat, Dialog: m.Dialog, Direction: direction[m.Direction], At: m.At,
		ExternalID: m.ExternalID, Text: m.Text, ReplyTo: m.ReplyTo, Author: m.Author, Elsewhere: m.Elsewhere, Deleted: m.Deleted}
	for _, a := range m.Attachments {
		r.Attachments = append(r.Attachments, Attachment{Kind: a.Kind, Name: a.Name, MIME: a.MIME, Size: a.Size,
			Path: a.Path, Lat: a.Lat, Lon: a.Lon, Phone: a.Phone, URL: a.URL})
	}
	if s := m.System; s != nil {
		r.System = &System{Kind: s.Kind, Operator: s.Operator, OperatorName: s.OperatorName, Target: s.Target,
			TargetName: s.TargetName, Until: s.Until, ClientName: s.ClientName}
	}
	if d := m.Delivery; d != nil {
		r.Delivery = &Delivery{State: deliveryState[d.State], Reason: d.Reason, Detail: d.Detail,
			ExternalID: d.ExternalID, At: d.At, Attempts: d.Attempts}
	}
	for _, v := range m.Revisions {
		r.Revisions = append(r.Revisions, Revision{At: v.At, Text: v.Text, ExternalID: v.ExternalID})
	}
	return r
}
