package inbox

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Connector is the connection of one account to its network (a Telegram bot, a VK
// community, a WhatsApp number). Each network implements it in connectors/<network>;
// optional abilities are small extra interfaces found by type assertion.
type Connector interface {
	// Run connects and receives until ctx ends. Every inbound message goes to
	// sink.Receive, and is acknowledged to the network only after Receive returned nil
	// (the store deduplicates, so a crash in between loses and doubles nothing). Health
	// changes go to sink.SetHealth: connecting while trouble is transient, error when the
	// settings are broken. Run blocks; it returns nil when ctx ends, or an error when it
	// cannot go on at all (the account then shows HealthError).
	Run(ctx context.Context, sink Sink) error
	// Send delivers one outbound message and returns the network's id for it. It blocks
	// until the network answered or ctx ended. A failure is a *SendError saying whether
	// to retry; any other error is treated as temporary.
	Send(ctx context.Context, m Outbound) (ExternalID, error)
	// Limits are the network's limits, checked before a message is queued.
	Limits() Limits
}

// Sink is where a connector delivers what it receives; the connectors' manager binds one
// to each account.
type Sink interface {
	// Receive stores an inbound message (Account is filled in by the sink). It blocks until
	// the message is on disk.
	Receive(in Inbound) (ReceiveResult, error)
	// SetHealth reports the connection's state.
	SetHealth(h Health)
	// Receipt reports that an outbound message was delivered or read.
	Receipt(peer PeerID, ext ExternalID, state DeliveryState)
}

// ConsentSink is a Sink that can also note a client's consent to the account's
// messages (VK's message_allow / message_deny). Connectors find it by type assertion.
type ConsentSink interface {
	// Consent notes that the client of peer allowed (or forbade) messages; key is the
	// network's id of that event, so a redelivered event is noted once. It blocks until
	// the note is on disk.
	Consent(peer PeerID, allowed bool, key ExternalID, at time.Time) error
}

// BusinessSink is a Sink that also keeps business connections and deletions (Telegram
// Business). Connectors find it by type assertion.
type BusinessSink interface {
	// SetConnection stores what the network said about a connection (Account is filled
	// in by the sink); it blocks until it is on disk.
	SetConnection(c Connection) error
	// Connections are the account's stored connections, so that a restarted connector
	// knows whose messages are the salon's own before the network repeats it.
	Connections() ([]Connection, error)
	// Deleted marks the messages with these network ids in the chat of peer as deleted on
	// the network's side; their content stays. Unknown ids are ignored.
	Deleted(peer PeerID, ids []ExternalID, at time.Time) error
}

// Outbound is a queued message on its way out, with what the connector needs to address
// it. Attachment paths are relative to the data folder, as stored.
type Outbound struct {
	Message Message
	Chat    Chat
	// Account is the account's record, with its settings.
	Account Account
}

// Limits are what a network accepts in one message.
type Limits struct {
	// TextLen is the longest text in characters a message may carry (longer text is split
	// by the connector); 0 means no limit.
	TextLen int
	// FileSize and ImageSize are the largest upload in bytes; 0 means no limit.
	FileSize  int64
	ImageSize int64
	// Kinds lists the attachment kinds the network can send; empty means any.
	Kinds []AttachmentKind
}

// Check reports the first attachment a network would refuse, as an Error naming the file
// and the limit in megabytes.
func (l Limits) Check(atts []Attachment) error {
	for _, a := range atts {
		max := l.FileSize
		if a.Kind == AttachImage && l.ImageSize > 0 {
			max = l.ImageSize
		}
		if max > 0 && a.Size > max {
			return Errorf(CodeInvalid, "send.file_too_large", map[string]any{"Name": a.Name, "LimitMB": max >> 20})
		}
		if len(l.Kinds) > 0 && !containsKind(l.Kinds, a.Kind) {
			return Errorf(CodeInvalid, "send.kind_not_allowed", map[string]any{"Name": a.Name})
		}
	}
	return nil
}

func containsKind(ks []AttachmentKind, k AttachmentKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// SendError is a failed send, classified for the outbox.
type SendError struct {
	// Permanent failures (the client blocked the bot, the chat is gone) mark the message
	// failed with Reason; temporary ones (network down, rate limit) are retried.
	Permanent bool
	// Reason is a translation key shown next to a failed message.
	Reason string
	// RetryAfter is how long the network asked to wait (rate limits); 0 means use backoff.
	RetryAfter time.Duration
	Err        error
}

func (e *SendError) Error() string {
	kind := "temporary"
	if e.Permanent {
		kind = "permanent"
	}
	return fmt.Sprintf("send (%s, %s): %v", kind, e.Reason, e.Err)
}

func (e *SendError) Unwrap() error { return e.Err }

// AsSendError classifies any error from Connector.Send: a *SendError as it is, anything
// else as temporary.
func AsSendError(err error) *SendError {
	var se *SendError
	if errors.As(err, &se) {
		return se
	}
	return &SendError{Reason: "send.temporary", Err: err}
}
