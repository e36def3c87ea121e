package storage

import (
	"salonchat/inbox"
)

// The hot records in their binary layout. Ids that are the record's key are not repeated
// in the value. Field order is the layout: append new fields at the end, with a migration.

func encodeChat(c *inbox.Chat) []byte {
	e := enc{b: make([]byte, 0, 64+len(c.Name)+len(c.Peer)+len(c.ClientName))}
	e.u64(uint64(c.Account))
	e.str(string(c.Network))
	e.str(string(c.Peer))
	e.str(c.Name)
	e.str(c.Username)
	e.str(c.Phone)
	e.u64(uint64(c.Client))
	e.str(c.ClientName)
	e.u64(uint64(c.Dialog))
	e.time(c.Created)
	e.str(string(c.Via))
	return e.b
}

func decodeChat(id uint64, d dec) (inbox.Chat, error) {
	c := inbox.Chat{ID: inbox.ChatID(id)}
	c.Account = inbox.AccountID(d.u64())
	c.Network = inbox.Network(d.str())
	c.Peer = inbox.PeerID(d.str())
	c.Name = d.str()
	c.Username = d.str()
	c.Phone = d.str()
	c.Client = inbox.ClientID(d.u64())
	c.ClientName = d.str()
	c.Dialog = inbox.DialogID(d.u64())
	c.Created = d.time()
	if d.more() { // schema 3
		c.Via = inbox.ConnectionID(d.str())
	}
	return c, d.err
}

func encodeDialog(g *inbox.Dialog) []byte {
	e := enc{b: make([]byte, 0, 96+len(g.Preview))}
	e.u64(uint64(g.Chat))
	e.u8(uint8(g.Status))
	e.u64(uint64(g.Assignee))
	e.time(g.PostponedUntil)
	e.bool(g.Awaiting)
	e.time(g.WaitingSince)
	e.uv(uint64(g.Unread))
	e.time(g.Opened)
	e.time(g.Closed)
	e.time(g.LastActivity)
	e.u64(uint64(g.LastMessage))
	e.u8(uint8(g.PreviewDirection))
	e.str(g.Preview)
	return e.b
}

func decodeDialog(id uint64, d dec) (inbox.Dialog, error) {
	g := inbox.Dialog{ID: inbox.DialogID(id)}
	g.Chat = inbox.ChatID(d.u64())
	g.Status = inbox.DialogStatus(d.u8())
	g.Assignee = inbox.OperatorID(d.u64())
	g.PostponedUntil = d.time()
	g.Awaiting = d.bool()
	g.WaitingSince = d.time()
	g.Unread = int(d.uv())
	g.Opened = d.time()
	g.Closed = d.time()
	g.LastActivity = d.time()
	g.LastMessage = inbox.MessageID(d.u64())
	g.PreviewDirection = inbox.Direction(d.u8())
	g.Preview = d.str()
	return g, d.err
}

// encodeMessage writes the immutable part of a message; Chat and ID are in the key,
// Delivery and Revisions in their own buckets.
func encodeMessage(m *inbox.Message) []byte {
	e := enc{b: make([]byte, 0, 40+len(m.Text)+len(m.ExternalID))}
	e.u64(uint64(m.Dialog))
	e.u8(uint8(m.Direction))
	e.time(m.At)
	e.str(string(m.ExternalID))
	e.str(m.Text)
	e.str(string(m.ReplyTo))
	e.uv(uint64(m.Author))
	e.uv(uint64(len(m.Attachments)))
	for i := range m.Attachments {
		encodeAttachment(&e, &m.Attachments[i])
	}
	if m.System == nil {
		e.u8(0)
	} else {
		e.u8(1)
		s := m.System
		e.str(string(s.Kind))
		e.uv(uint64(s.Operator))
		e.str(s.OperatorName)
		e.uv(uint64(s.Target))
		e.str(s.TargetName)
		e.time(s.Until)
		e.str(s.ClientName)
	}
	e.bool(m.Elsewhere)
	return e.b
}

func encodeAttachment(e *enc, a *inbox.Attachment) {
	e.str(string(a.Kind))
	e.str(a.Name)
	e.str(a.MIME)
	e.iv(a.Size)
	e.str(a.Path)
	e.str(a.RemoteID)
	e.f64(a.Lat)
	e.f64(a.Lon)
	e.str(a.Phone)
	e.str(a.URL)
}

// decodeMessage fills m, which must be zero: pages decode into freshly made slices, and
// not clearing them again saves write barriers.
func decodeMessage(chat, id uint64, d dec, m *inbox.Message) error {
	m.ID, m.Chat = inbox.MessageID(id), inbox.ChatID(chat)
	m.Dialog = inbox.DialogID(d.u64())
	m.Direction = inbox.Direction(d.u8())
	m.At = d.time()
	m.ExternalID = inbox.ExternalID(d.str())
	m.Text = d.str()
	m.ReplyTo = inbox.ExternalID(d.str())
	m.Author = inbox.OperatorID(d.uv())
	if n := d.uv(); n > 0 && n <= uint64(len(d.b)) {
		m.Attachments = make([]inbox.Attachment, n)
		for i := range m.Attachments {
			decodeAttachment(&d, &m.Attachments[i])
		}
	}
	if d.u8() == 1 {
		s := &inbox.SystemEvent{}
		s.Kind = inbox.SystemKind(d.str())
		s.Operator = inbox.OperatorID(d.uv())
		s.OperatorName = d.str()
		s.Target = inbox.OperatorID(d.uv())
		s.TargetName = d.str()
		s.Until = d.time()
		s.ClientName = d.str()
		m.System = s
	}
	if d.more() { // schema 3
		m.Elsewhere = d.bool()
	}
	return d.err
}

func decodeAttachment(d *dec, a *inbox.Attachment) {
	a.Kind = inbox.AttachmentKind(d.str())
	a.Name = d.str()
	a.MIME = d.str()
	a.Size = d.iv()
	a.Path = d.str()
	a.RemoteID = d.str()
	a.Lat = d.f64()
	a.Lon = d.f64()
	a.Phone = d.str()
	a.URL = d.str()
}

func encodeDelivery(x *inbox.Delivery) []byte {
	e := enc{b: make([]byte, 0, 24+len(x.Reason)+len(x.Detail)+len(x.ExternalID))}
	e.u8(uint8(x.State))
	e.str(x.Reason)
	e.str(x.Detail)
	e.str(string(x.ExternalID))
	e.time(x.At)
	e.uv(uint64(x.Attempts))
	return e.b
}

func decodeDelivery(d dec, x *inbox.Delivery) error {
	x.State = inbox.DeliveryState(d.u8())
	x.Reason = d.str()
	x.Detail = d.str()
	x.ExternalID = inbox.ExternalID(d.str())
	x.At = d.time()
	x.Attempts = int(d.uv())
	return d.err
}

func encodeRevision(r *inbox.Revision) []byte {
	e := enc{b: make([]byte, 0, 16+len(r.Text)+len(r.ExternalID))}
	e.time(r.At)
	e.str(r.Text)
	e.str(string(r.ExternalID))
	return e.b
}

func decodeRevision(d dec) (inbox.Revision, error) {
	var r inbox.Revision
	r.At = d.time()
	r.Text = d.str()
	r.ExternalID = inbox.ExternalID(d.str())
	return r, d.err
}
