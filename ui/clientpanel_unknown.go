package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// unknownView is shown for a chat that is not linked to a client yet: who wrote, and the
// two ways to link them. The actions are in the arrow menu, as in the original form, and
// also as buttons, because an administrator should not have to discover the arrow.
func (p *clientPanel) unknownView(c inbox.Chat) fyne.CanvasObject {
	tr := p.u.tr
	p.more = p.menuButton(fyne.NewMenu("",
		fyne.NewMenuItem(tr.T("client.menu.create"), p.createClient),
		fyne.NewMenuItem(tr.T("client.menu.attach"), p.askAttach),
	))
	title := widget.NewLabel(c.Title())
	title.Wrapping, title.TextStyle, title.SizeName = fyne.TextWrapWord, fyne.TextStyle{Bold: true}, nameSize(c.Title())
	where := p.u.networkName(c.Network)
	if addr := chatAddress(c); addr != "" && addr != c.Title() {
		where = joinDot(where, addr)
	}
	create := widget.NewButton(tr.T("client.menu.create"), p.createClient)
	create.Importance = widget.HighImportance
	return container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewVBox(p.more), title),
		plainText(muted(where)),
		widget.NewSeparator(),
		plainText(textLine{text: tr.T("client.unknown.title"), bold: true}, textLine{text: tr.T("client.unknown.text")}),
		create,
		widget.NewButton(tr.T("client.menu.attach"), p.askAttach),
	)
}

// createClient makes a client out of the chat at once, named by its phone, as the front
// desk is used to; the name can be corrected in the card later.
func (p *clientPanel) createClient() {
	if _, err := p.u.svc.CreateClientFromChat(p.u.me.ID, p.chat); err != nil {
		p.u.showError(err)
		return
	}
	p.reload()
}
