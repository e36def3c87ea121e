package inbox

import "time"

// DialogStatus is the state of one episode of a chat.
type DialogStatus int

const (
	DialogOpen DialogStatus = iota + 1
	DialogPostponed
	DialogClosed
)

// Dialog is one episode of a chat: it opens with a client's message and ends when an
// operator closes it. A message after closing starts a new dialog; the old one stays.
type Dialog struct {
	ID       DialogID
	Chat     ChatID
	Status   DialogStatus
	Assignee OperatorID // zero: not assigned
	// PostponedUntil is set while Status is DialogPostponed.
	PostponedUntil time.Time
	// Awaiting is true when the last client-visible message is the client's ("Без ответа").
	Awaiting bool
	// WaitingSince is when the client's first unanswered message arrived (zero if none).
	WaitingSince time.Time
	// Unread counts the client's messages since an operator last opened the dialog.
	Unread int
	Opened time.Time
	Closed time.Time
	// LastActivity orders the chat list: the time of the dialog's last message.
	LastActivity time.Time
	// LastMessage and Preview describe the last client-visible message, so that a list row
	// needs no message read. Preview is its first line, shortened.
	LastMessage      MessageID
	Preview          string
	PreviewDirection Direction
}

// Live reports whether the dialog is still being worked on (open or postponed).
func (d Dialog) Live() bool { return d.Status == DialogOpen || d.Status == DialogPostponed }

// Class folds status and awaiting into the small number that list indexes and counters
// are keyed by. Every filter tab is a union of classes (see StatusFilter.Classes).
func (d Dialog) Class() Class {
	switch d.Status {
	case DialogOpen:
		if d.Awaiting {
			return ClassOpenAwaiting
		}
		return ClassOpenAnswered
	case DialogPostponed:
		if d.Awaiting {
			return ClassPostponedAwaiting
		}
		return ClassPostponedAnswered
	}
	return ClassClosed
}

// Class is a dialog's index class; see Dialog.Class.
type Class uint8

const (
	ClassOpenAwaiting Class = iota + 1
	ClassOpenAnswered
	ClassPostponedAwaiting
	ClassPostponedAnswered
	ClassClosed
)

// Classes lists every class.
var Classes = []Class{ClassOpenAwaiting, ClassOpenAnswered, ClassPostponedAwaiting, ClassPostponedAnswered, ClassClosed}
