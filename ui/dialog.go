package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// dialogView is the centre: header with actions, the timeline and the composer.
// (Skeleton: being built.)
type dialogView struct {
	u   *UI
	row inbox.DialogRow
}

func newDialogView(u *UI) *dialogView { return &dialogView{u: u} }

func (d *dialogView) view() fyne.CanvasObject { return widget.NewLabel("") }

// show opens a dialog.
func (d *dialogView) show(row inbox.DialogRow) { d.row = row }

// update applies a burst of events; reload means redraw everything shown.
func (d *dialogView) update(batch []inbox.Event, reload bool) {}

// operatorChanged refreshes what depends on who is working (the operator selector).
func (d *dialogView) operatorChanged() {}

// current is the dialog shown, or 0.
func (d *dialogView) current() inbox.DialogID { return d.row.Dialog.ID }
