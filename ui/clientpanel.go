package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// clientPanel is the right part: who the client is. (Skeleton: being built.)
type clientPanel struct {
	u *UI
}

func newClientPanel(u *UI) *clientPanel { return &clientPanel{u: u} }

func (p *clientPanel) view() fyne.CanvasObject { return widget.NewLabel("") }

// show shows the client of a chat (or the offer to create or attach one).
func (p *clientPanel) show(chat inbox.ChatID) {}

// update applies a burst of events.
func (p *clientPanel) update(batch []inbox.Event, reload bool) {}
