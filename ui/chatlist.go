package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// chatList is the left part: owner and status filters with counts, search, and the
// virtual list of dialogs. (Skeleton: being built.)
type chatList struct {
	u *UI
}

func newChatList(u *UI) *chatList { return &chatList{u: u} }

func (c *chatList) view() fyne.CanvasObject { return widget.NewLabel("") }

// refresh reloads counts and the visible rows after a burst of events.
func (c *chatList) refresh() {}

// operatorChanged re-reads "Мои" for the new operator.
func (c *chatList) operatorChanged() {}

// selectDialog highlights a dialog opened from elsewhere (client panel, search).
func (c *chatList) selectDialog(id inbox.DialogID) {}
