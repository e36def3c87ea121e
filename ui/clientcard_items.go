package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

const secChats = "chats"

// tasks lists the to-dos with a check that marks one done (or not done again) at once.
func (c *clientCard) tasks(info clientInfo) fyne.CanvasObject {
	tr := c.u.tr
	items := make([]fyne.CanvasObject, 0, len(c.cd.Tasks))
	for _, t := range c.cd.Tasks {
		done := widget.NewCheck("", nil)
		done.SetChecked(t.Done)
		done.OnChanged = func(on bool) { c.setTaskDone(t, on) }
		text := textLine{text: t.Text}
		if t.Done {
			text.color = theme.ColorNamePlaceHolder
		}
		due := ""
		if !t.Due.IsZero() {
			due = tr.T("client.task.due", map[string]any{"Date": c.u.clientDate(t.Due)})
		}
		body := plainText(text, muted(joinDot(due, info.ops[t.Operator])))
		items = append(items, container.NewBorder(nil, nil, container.NewVBox(done), nil, body))
	}
	return itemList(items, tr.T("client.empty.tasks"))
}

func (c *clientCard) setTaskDone(t inbox.Task, done bool) {
	t.Done = done
	if _, err := c.u.svc.SaveTask(t); err != nil {
		c.u.showError(err)
	}
	c.reload()
}

// chats lists the client's chats by network, each with Открепить for a chat attached to
// the wrong client.
func (c *clientCard) chats() fyne.CanvasObject {
	items := make([]fyne.CanvasObject, 0, len(c.cd.Chats))
	for _, ch := range c.cd.Chats {
		var detach fyne.CanvasObject = emptyBox()
		if c.cd.Client.MergedInto == 0 {
			b := widget.NewButtonWithIcon(c.u.tr.T("card.chat.detach"), theme.ContentCutIcon(), func() { c.askDetach(ch) })
			b.Importance = widget.LowImportance
			detach = b
		}
		body := plainText(textLine{text: c.u.networkName(ch.Network), bold: true}, textLine{text: joinDot(ch.Title(), chatAddress(ch))})
		items = append(items, container.NewBorder(nil, nil, nil, container.NewVBox(detach), body))
	}
	return itemList(items, c.u.tr.T("card.empty.chats"))
}

// askDetach confirms unlinking a chat, saying that nothing is deleted.
func (c *clientCard) askDetach(ch inbox.Chat) {
	tr := c.u.tr
	msg := tr.T("card.detach.text", map[string]any{"Chat": joinDot(c.u.networkName(ch.Network), chatAddress(ch)), "Client": c.cd.Client.DisplayName()})
	d := dialog.NewConfirm(tr.T("card.detach.title"), msg, func(ok bool) {
		if !ok {
			return
		}
		if err := c.u.svc.DetachChat(c.u.me.ID, ch.ID); err != nil {
			c.u.showError(err)
		}
		c.reload()
	}, c.win)
	d.SetConfirmText(tr.T("card.chat.detach"))
	d.SetDismissText(tr.T("card.edit.cancel"))
	d.Show()
}

func emptyBox() fyne.CanvasObject { return container.NewStack() }
