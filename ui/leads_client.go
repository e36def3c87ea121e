package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// clientPicker finds a client by name or phone for a lead or a template preview: type,
// then choose from what was found. chosen is zero until a client is chosen.
type clientPicker struct {
	u        *UI
	chosen   inbox.ClientID
	search   *widget.Entry
	found    *widget.Select
	results  []inbox.Client
	onChange func(inbox.ClientID)
	box      *fyne.Container
}

func newClientPicker(u *UI, id inbox.ClientID) *clientPicker {
	p := &clientPicker{u: u}
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(u.tr.T("leads.client_search"))
	p.search.OnChanged = p.find
	p.found = widget.NewSelect(nil, p.pick)
	p.found.PlaceHolder = u.tr.T("leads.client_none")
	clear := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { p.set(0) })
	p.box = container.NewGridWithColumns(2, p.search, container.NewBorder(nil, nil, nil, clear, p.found))
	if id != 0 {
		if cd, err := u.svc.ClientDetails(id); err == nil {
			p.results = []inbox.Client{cd.Client}
			p.found.Options = []string{clientLine(cd.Client)}
			p.found.SetSelected(clientLine(cd.Client))
		}
	}
	return p
}

func (p *clientPicker) view() fyne.CanvasObject { return p.box }

// find lists the clients matching what is typed (from two characters on).
func (p *clientPicker) find(q string) {
	if len([]rune(strings.TrimSpace(q))) < 2 {
		return
	}
	cs, err := p.u.svc.SearchClients(q, 20)
	if err != nil {
		p.u.log.Error("client search", "err", err)
		return
	}
	p.results = cs
	opts := make([]string, len(cs))
	for i, c := range cs {
		opts[i] = clientLine(c)
	}
	p.found.Options = opts
	p.found.Refresh()
	if len(cs) > 0 && p.chosen == 0 {
		p.found.SetSelected(opts[0])
	}
}

func (p *clientPicker) pick(s string) {
	for _, c := range p.results {
		if clientLine(c) == s {
			p.set(c.ID)
			return
		}
	}
}

func (p *clientPicker) set(id inbox.ClientID) {
	if id == 0 && p.found.Selected != "" {
		p.found.ClearSelected()
	}
	if p.chosen == id {
		return
	}
	p.chosen = id
	if p.onChange != nil {
		p.onChange(id)
	}
}

// clientLine is "Иванова Мария, +7 912 345-67-89".
func clientLine(c inbox.Client) string {
	if ph := c.MainPhone(); ph != "" {
		return c.DisplayName() + ", " + inbox.FormatPhone(ph)
	}
	return c.DisplayName()
}
