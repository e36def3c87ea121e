package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// clientsPage is how many clients one read of the list brings.
const clientsPage = 50

// clientsList is Главное → Клиенты: every client by name, searchable by name and by
// phone in any notation. The list is virtual: it knows the total and reads the pages it
// scrolls to, so a base of tens of thousands of clients opens at once.
type clientsList struct {
	u      *UI
	win    fyne.Window
	search *widget.Entry
	list   *widget.List
	total  *widget.Label
	add    *widget.Button
	q      string
	rows   []inbox.Client
	next   inbox.ClientCursor
	count  int
	// created is the new card opened last, which the list reads itself again after.
	created *clientCard
}

// showClients opens Главное → Клиенты.
func (u *UI) showClients() { u.openClients() }

func (u *UI) openClients() *clientsList {
	tr := u.tr
	l := &clientsList{u: u, search: widget.NewEntry(), total: widget.NewLabel("")}
	l.win = u.app.NewWindow(tr.T("clients.title"))
	l.search.SetPlaceHolder(tr.T("client.attach.placeholder"))
	l.search.OnChanged = l.find
	l.add = widget.NewButtonWithIcon(tr.T("clients.new"), theme.ContentAddIcon(), func() {
		l.created = u.client.openNewCard()
		l.created.onSaved = func() { l.find(l.search.Text) }
	})
	l.list = widget.NewList(func() int { return l.count }, l.newRow, l.updateRow)
	l.list.OnSelected = func(i widget.ListItemID) {
		l.list.UnselectAll()
		if i < len(l.rows) {
			u.client.openCard(l.rows[i].ID)
		}
	}
	top := container.NewBorder(nil, nil, nil, l.add, l.search)
	l.win.SetContent(container.NewBorder(top, l.total, nil, nil, l.list))
	l.win.Resize(fyne.NewSize(560, 640))
	l.find("")
	l.win.Show()
	l.win.Canvas().Focus(l.search)
	return l
}

// find starts the list over for query q.
func (l *clientsList) find(q string) {
	l.q, l.rows, l.next, l.count = strings.TrimSpace(q), nil, inbox.ClientCursor{}, 0
	l.more()
	l.total.SetText(l.u.tr.N("clients.total", l.count))
	l.list.ScrollToTop()
	l.list.Refresh()
}

// more reads the next page; the first read also gives the total.
func (l *clientsList) more() {
	first := len(l.rows) == 0
	if !first && l.next == (inbox.ClientCursor{}) {
		return
	}
	page, err := l.u.svc.Clients(l.q, l.next, clientsPage)
	if err != nil {
		l.u.log.Error("clients list", "err", err)
		return
	}
	l.rows, l.next = append(l.rows, page.Clients...), page.Next
	if first {
		l.count = page.Total
	}
	if l.next == (inbox.ClientCursor{}) {
		l.count = len(l.rows) // the list ends here, whatever the total said
	}
}

func (l *clientsList) newRow() fyne.CanvasObject {
	name := widget.NewLabel("")
	name.TextStyle, name.Truncation = fyne.TextStyle{Bold: true}, fyne.TextTruncateEllipsis
	phones := widget.NewLabel("")
	phones.Truncation = fyne.TextTruncateEllipsis
	return container.NewGridWithColumns(2, name, phones)
}

func (l *clientsList) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	for i >= len(l.rows) && l.next != (inbox.ClientCursor{}) {
		l.more()
	}
	name, phones := o.(*fyne.Container).Objects[0].(*widget.Label), o.(*fyne.Container).Objects[1].(*widget.Label)
	if i >= len(l.rows) {
		name.SetText("")
		phones.SetText("")
		return
	}
	c := l.rows[i]
	var ps []string
	for _, p := range c.Phones {
		ps = append(ps, inbox.FormatPhone(p))
	}
	name.SetText(c.DisplayName())
	phones.SetText(strings.Join(ps, ", "))
}
