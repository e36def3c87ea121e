package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// attachLimit is how many clients the search shows: enough to pick from, few enough to
// redraw on every key.
const attachLimit = 50

// attachDialog finds an existing client by name or phone (any notation) and links the
// chat to them.
type attachDialog struct {
	p       *clientPanel
	chat    inbox.ChatID
	current inbox.ClientID // the chat's client now, left out of the results
	entry   *widget.Entry
	results *fyne.Container
	dlg     dialog.Dialog
}

// askAttach opens the search for the client to attach the shown chat to.
func (p *clientPanel) askAttach() {
	tr := p.u.tr
	a := &attachDialog{p: p, chat: p.chat, current: p.watch.client, entry: widget.NewEntry(), results: container.NewVBox()}
	a.entry.SetPlaceHolder(tr.T("client.attach.placeholder"))
	a.entry.OnChanged = a.search
	top := container.NewVBox(plainText(muted(tr.T("client.attach.hint"))), a.entry)
	content := container.NewBorder(top, nil, nil, nil, container.NewVScroll(a.results))
	a.dlg = dialog.NewCustom(tr.T("client.attach.title"), tr.T("common.cancel"), content, p.u.win)
	a.dlg.SetOnClosed(func() {
		if p.attach == a {
			p.attach = nil
		}
	})
	a.dlg.Resize(fyne.NewSize(460, 520))
	a.search("")
	p.attach = a
	a.dlg.Show()
	p.u.win.Canvas().Focus(a.entry)
}

// search shows the clients matching q.
func (a *attachDialog) search(q string) {
	found, err := a.p.u.svc.SearchClients(q, attachLimit)
	if err != nil {
		a.p.u.log.Error("client panel: search clients", "err", err)
	}
	a.results.RemoveAll()
	for _, c := range found {
		if c.ID == a.current {
			continue
		}
		a.results.Add(newTapBlock(a.clientText(c), func() { a.pick(c.ID) }))
	}
	if len(a.results.Objects) == 0 {
		a.results.Add(plainText(muted(a.p.u.tr.T("client.attach.none"))))
	}
}

// clientText is a result: the name, and the full name and main phone that tell two
// clients with the same name apart.
func (a *attachDialog) clientText(c inbox.Client) fyne.CanvasObject {
	phone := a.p.u.tr.T("client.attach.no_phone")
	if len(c.Phones) > 0 {
		phone = inbox.FormatPhone(c.Phones[0])
	}
	full := c.FullName()
	if full == c.DisplayName() {
		full = ""
	}
	return plainText(textLine{text: c.DisplayName(), bold: true}, muted(joinDot(full, phone)))
}

// pick attaches the chat to the chosen client and shows them in the panel.
func (a *attachDialog) pick(id inbox.ClientID) {
	if err := a.p.u.svc.AttachChat(a.p.u.me.ID, a.chat, id); err != nil {
		a.p.u.showError(err)
		return
	}
	a.dlg.Hide()
	if a.p.chat == a.chat {
		a.p.reload()
	}
}
