package inbox

import "time"

// Direction says who a message is from.
type Direction int

const (
	DirInbound  Direction = iota + 1 // from the client
	DirOutbound                      // from the salon
	DirSystem                        // a note for operators; never sent
)

// DeliveryState is where an outbound message stands. It moves queued → sent →
// delivered → read, or to failed (with a reason); a failed message can be queued again.
type DeliveryState int

const (
	Queued DeliveryState = iota + 1
	Sent
	Delivered
	Read
	Failed
)

// Delivery is an outbound message's delivery record, kept apart from the message itself
// so that the message stays immutable.
type Delivery struct {
	State DeliveryState
	// Reason is a translation key for a failure; Detail the technical text.
	Reason     string
	Detail     string
	ExternalID ExternalID // the network's id once sent
	At         time.Time
	Attempts   int
}

// AttachmentKind says how an attachment is shown.
type AttachmentKind string

const (
	AttachImage    AttachmentKind = "image"
	AttachFile     AttachmentKind = "file"
	AttachVoice    AttachmentKind = "voice"
	AttachAudio    AttachmentKind = "audio"
	AttachVideo    AttachmentKind = "video"
	AttachSticker  AttachmentKind = "sticker"
	AttachLocation AttachmentKind = "location"
	AttachContact  AttachmentKind = "contact"
	AttachLink     AttachmentKind = "link"
)

// Attachment is a file or a structured item in a message.
type Attachment struct {
	Kind AttachmentKind
	Name string
	MIME string
	Size int64
	// Path is relative to the data folder; empty until the file is downloaded.
	Path string
	// RemoteID is the network's handle for the file (to download later).
	RemoteID string
	// Lat/Lon for locations; Phone for contacts; URL for links.
	Lat, Lon float64
	Phone    string
	URL      string
}

// SystemKind names what a system message records.
type SystemKind string

const (
	SysTaken     SystemKind = "taken"     // взят в работу (first reply)
	SysAssigned  SystemKind = "assigned"  // назначен
	SysClosed    SystemKind = "closed"    // закрыт
	SysPostponed SystemKind = "postponed" // отложен до
	SysReturned  SystemKind = "returned"  // вернулся из отложенных
	SysClientSet SystemKind = "client"    // чат прикреплён к клиенту
	// SysMessagesAllowed and SysMessagesDenied: the client allowed or forbade the
	// account's messages on the network's side (VK's message_allow / message_deny).
	SysMessagesAllowed SystemKind = "messages_allowed"
	SysMessagesDenied  SystemKind = "messages_denied"
	// SysClientUnset: чат откреплён от клиента (attached by mistake); ClientName is the
	// client it left.
	SysClientUnset SystemKind = "client_unset"
)

// SystemEvent is the content of a system message: who did what, and when.
type SystemEvent struct {
	Kind SystemKind
	// Operator who acted, and the name at that moment (operators may be renamed later).
	Operator     OperatorID
	OperatorName string
	// Target is the operator assigned (SysAssigned) and the name at that moment.
	Target     OperatorID
	TargetName string
	Until      time.Time // SysPostponed
	ClientName string    // SysClientSet, SysClientUnset
}

// Revision is an edit the client made to an inbound message on their side.
type Revision struct {
	At         time.Time
	Text       string
	ExternalID ExternalID // the edit's dedupe key
}

// Message is one entry of a chat's timeline. Fields other than Delivery and Revisions
// never change after the message is stored.
type Message struct {
	ID          MessageID
	Chat        ChatID
	Dialog      DialogID
	Direction   Direction
	At          time.Time // when it was sent or received, UTC
	ExternalID  ExternalID
	Text        string
	Attachments []Attachment
	ReplyTo     ExternalID
	Author      OperatorID   // outbound: who sent it
	System      *SystemEvent // Direction == DirSystem
	// Elsewhere marks an outbound message typed on the salon's account in the network's
	// own app (the owner's phone, Telegram Desktop), not in SalonChat; Author is zero.
	Elsewhere bool
	// Filled on read from their own records.
	Delivery  *Delivery
	Revisions []Revision
	// Deleted is when the message was deleted on the network's side (zero: it was not).
	// The message itself is kept as it was: the history is the salon's evidence.
	Deleted time.Time
}

// CurrentText is the text as the client last edited it.
func (m Message) CurrentText() string {
	if n := len(m.Revisions); n > 0 {
		return m.Revisions[n-1].Text
	}
	return m.Text
}
