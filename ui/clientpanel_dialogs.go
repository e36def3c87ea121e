package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/assets"

	"salonchat/inbox"
)

// dialogs lists every dialog of every chat of the client, newest first; tapping one
// opens it in the centre, so that an old conversation from another messenger is one
// click away.
func (ci clientInfo) dialogs() fyne.CanvasObject {
	items := make([]fyne.CanvasObject, 0, len(ci.cd.Dialogs))
	for _, row := range ci.cd.Dialogs {
		id := row.Dialog.ID
		var icon fyne.CanvasObject
		if res := assets.ChannelIcon(string(row.Chat.Network)); res != nil {
			icon = container.NewVBox(widget.NewIcon(res))
		}
		body := container.NewBorder(nil, nil, icon, nil, ci.dialogText(row))
		items = append(items, newTapBlock(body, func() { ci.onDialog(id) }))
	}
	return itemList(items, ci.u.tr.T("client.empty.dialogs"))
}

func (ci clientInfo) dialogText(row inbox.DialogRow) fyne.CanvasObject {
	u, d := ci.u, row.Dialog
	head := textLine{text: joinDot(u.channelName(row.Chat), ci.dialogStatus(d)), bold: true}
	if d.ID == ci.current {
		head.color = theme.ColorNamePrimary
	}
	when := joinDot(u.clientDateTime(d.LastActivity), ci.ops[d.Assignee])
	return plainText(head, muted(when), textLine{text: d.Preview})
}

// dialogStatus is a dialog's state in words: "открыт", "отложен до 21.11 10:00", "закрыт".
func (ci clientInfo) dialogStatus(d inbox.Dialog) string {
	tr := ci.u.tr
	switch d.Status {
	case inbox.DialogPostponed:
		return tr.T("client.dialog.postponed", map[string]any{"Until": ci.u.clientDateTime(d.PostponedUntil)})
	case inbox.DialogClosed:
		return tr.T("client.dialog.closed")
	}
	if d.Awaiting {
		return tr.T("client.dialog.awaiting")
	}
	return tr.T("client.dialog.open")
}
