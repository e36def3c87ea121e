package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// mergeDialog is "Объединить с…": find the double, look at both cards side by side,
// confirm. The open card is kept; the double's chats, visits, tasks and leads move to it.
type mergeDialog struct {
	c       *clientCard
	dlg     dialog.Dialog
	search  *widget.Entry
	results *fyne.Container
	body    *fyne.Container
	other   inbox.Client
	confirm *widget.Button
}

func (c *clientCard) askMerge() {
	tr := c.u.tr
	m := &mergeDialog{c: c, search: widget.NewEntry(), results: container.NewVBox()}
	m.search.SetPlaceHolder(tr.T("client.attach.placeholder"))
	m.search.OnChanged = m.find
	m.body = container.NewStack(m.searchView())
	m.dlg = dialog.NewCustom(tr.T("card.merge.title"), tr.T("card.edit.cancel"), container.NewPadded(m.body), c.win)
	m.dlg.Resize(fyne.NewSize(600, 460))
	c.merge = m
	m.dlg.Show()
	c.win.Canvas().Focus(m.search)
}

func (m *mergeDialog) searchView() fyne.CanvasObject {
	hint := plainText(muted(m.c.u.tr.T("card.merge.hint")))
	return container.NewBorder(container.NewVBox(hint, m.search), nil, nil, nil, container.NewVScroll(m.results))
}

// find lists the clients matching the query, the open card left out.
func (m *mergeDialog) find(q string) {
	m.results.Objects = nil
	if strings.TrimSpace(q) != "" {
		found, err := m.c.u.svc.SearchClients(q, 20)
		if err != nil {
			m.c.u.log.Error("merge: search", "err", err)
		}
		for _, cl := range found {
			if cl.ID != m.c.id {
				m.results.Add(newTapBlock(m.clientSummary(cl), func() { m.compare(cl) }))
			}
		}
		if len(m.results.Objects) == 0 {
			m.results.Add(plainText(muted(m.c.u.tr.T("client.attach.none"))))
		}
	}
	m.results.Refresh()
}

func (m *mergeDialog) clientSummary(cl inbox.Client) fyne.CanvasObject {
	var phones []string
	for _, p := range cl.Phones {
		phones = append(phones, inbox.FormatPhone(p))
	}
	if len(phones) == 0 {
		phones = []string{m.c.u.tr.T("client.attach.no_phone")}
	}
	return plainText(textLine{text: cl.DisplayName(), bold: true}, muted(strings.Join(phones, ", ")))
}

// compare shows both cards side by side before the merge is confirmed.
func (m *mergeDialog) compare(other inbox.Client) {
	tr := m.c.u.tr
	m.other = other
	side := func(title string, cl inbox.Client) fyne.CanvasObject {
		return container.NewVBox(plainText(caption(title)), m.clientSummary(cl))
	}
	both := container.NewGridWithColumns(2, side(tr.T("card.merge.keep"), m.c.cd.Client), side(tr.T("card.merge.drop"), other))
	m.confirm = widget.NewButtonWithIcon(tr.T("card.merge.confirm"), theme.ConfirmIcon(), m.run)
	m.confirm.Importance = widget.HighImportance
	back := widget.NewButton(tr.T("card.merge.back"), func() { m.body.Objects = []fyne.CanvasObject{m.searchView()}; m.body.Refresh() })
	m.body.Objects = []fyne.CanvasObject{container.NewVBox(both, plainText(muted(tr.T("card.merge.explain"))), container.NewHBox(m.confirm, back))}
	m.body.Refresh()
}

func (m *mergeDialog) run() {
	if _, err := m.c.u.svc.MergeClients(m.c.u.me.ID, m.c.id, m.other.ID); err != nil {
		m.c.u.showError(err)
		return
	}
	m.dlg.Hide()
	m.c.merge = nil
	m.c.reload()
}
