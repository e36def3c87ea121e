package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// dialogView is the centre: header with actions, the timeline and the composer. With no
// dialog open it shows a calm hint instead.
type dialogView struct {
	u        *UI
	row      inbox.DialogRow
	header   *dialogHeader
	timeline *timeline
	composer *composer
	empty    fyne.CanvasObject
	body     *fyne.Container
	root     *fyne.Container
}

func newDialogView(u *UI) *dialogView {
	d := &dialogView{u: u}
	d.header = newDialogHeader(d)
	d.timeline = newTimeline(d)
	d.composer = newComposer(d)
	hint := widget.NewLabel(u.tr.T("dialog.empty"))
	hint.Alignment = fyne.TextAlignCenter
	hint.Importance = widget.LowImportance
	d.empty = container.NewCenter(hint)
	d.body = container.NewBorder(d.header.view(), d.composer.view(), nil, nil, d.timeline.view())
	d.body.Hide()
	d.root = container.New(shownStack{}, d.empty, d.body)
	return d
}

// shownStack stacks its objects like container.NewStack but sizes only the visible ones:
// laying out the hidden dialog body (its composer's wrapped placeholder, its header)
// at every resize before a dialog is opened cost the window's first frame about 20 ms.
// Whoever shows an object refreshes the container, which lays it out then.
type shownStack struct{}

func (shownStack) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var size fyne.Size
	for _, o := range objs {
		if o.Visible() {
			size = size.Max(o.MinSize())
		}
	}
	return size
}

func (shownStack) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		if o.Visible() {
			o.Resize(size)
			o.Move(fyne.NewPos(0, 0))
		}
	}
}

func (d *dialogView) view() fyne.CanvasObject { return d.root }

// show opens a dialog: its chat's history, its header and the composer with the chat's
// draft.
func (d *dialogView) show(row inbox.DialogRow) {
	prev := d.row.Chat.ID
	d.row = row
	d.empty.Hide()
	d.body.Show()
	d.root.Refresh() // lays the body out (shownStack)
	d.header.refresh()
	d.composer.chatChanged(prev)
	d.timeline.load(row.Chat.ID)
	if row.Dialog.ID != row.Chat.Dialog {
		d.timeline.reveal(row.Dialog.ID)
	}
	d.relayout()
}

// update applies a burst of events; reload means redraw everything shown.
func (d *dialogView) update(batch []inbox.Event, reload bool) {
	if d.row.Dialog.ID == 0 {
		return
	}
	ch := d.changesOf(batch)
	if ch.settings {
		d.header.refreshOperators()
	}
	if ch.client || reload {
		d.composer.forgetTemplateData()
	}
	if reload {
		d.header.refreshOperators()
		d.reloadRow()
		d.timeline.reload()
		return
	}
	if ch.row {
		d.reloadRow()
	}
	if ch.messages {
		d.timeline.appendNew()
	}
	for _, id := range ch.updated {
		d.timeline.updateMessage(id)
	}
	if d.row.Chat.Via != "" && !ch.row {
		// A business chat's reply window closes with time (this runs on the minute
		// tick too) and opens again with the client's next message.
		d.composer.refreshState()
	}
}

// dialogChanges sums up what a burst of events means for the dialog shown.
type dialogChanges struct {
	row, messages, settings, client bool
	updated                         []inbox.MessageID
}

func (d *dialogView) changesOf(batch []inbox.Event) dialogChanges {
	var ch dialogChanges
	for _, ev := range batch {
		switch {
		case ev.Kind == inbox.EventSettings:
			ch.settings = true
		case ev.Kind == inbox.EventClient:
			ch.client = true
		case ev.Chat != d.row.Chat.ID:
		case ev.Kind == inbox.EventMessage:
			ch.messages = true
		case ev.Kind == inbox.EventMessageUpdated:
			ch.updated = append(ch.updated, ev.Message)
		case ev.Kind == inbox.EventDialog || ev.Kind == inbox.EventChat:
			ch.row = true
		}
	}
	return ch
}

// reloadRow re-reads the dialog shown. When it was the chat's current dialog and the
// chat has moved on to a new one (a message after closing, or a reply into a closed
// dialog), the header follows the new dialog: actions apply to what is live.
func (d *dialogView) reloadRow() {
	wasCurrent := d.row.Chat.Dialog == d.row.Dialog.ID
	row, err := d.u.svc.Row(d.row.Dialog.ID)
	if err != nil {
		d.u.log.Error("reload dialog", "dialog", d.row.Dialog.ID, "err", err)
		return
	}
	if wasCurrent && row.Chat.Dialog != row.Dialog.ID && row.Chat.Dialog != 0 {
		if next, err := d.u.svc.Row(row.Chat.Dialog); err == nil {
			row = next
			d.u.chats.selectDialog(row.Dialog.ID)
		}
	}
	d.row = row
	d.header.refresh()
	d.composer.refreshState()
	d.relayout()
}

// relayout lays the centre out again after texts that wrap changed: their height
// depends on the width, which the first pass may not have known yet.
func (d *dialogView) relayout() {
	if d.body.Visible() {
		d.body.Refresh()
	}
}

// operatorChanged refreshes what depends on who is working (the operator selector).
func (d *dialogView) operatorChanged() {
	d.header.refreshOperators()
	d.composer.refreshState()
}

// current is the dialog shown, or 0.
func (d *dialogView) current() inbox.DialogID { return d.row.Dialog.ID }

// account is the account of the chat shown, from the UI's cache.
func (d *dialogView) account() inbox.Account { return d.u.account(d.row.Chat.Account) }
