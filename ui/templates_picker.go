package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// templatePicker is the 📄 popup: the salon's templates with a filter. Choosing one puts
// its text, filled with the client's data, at the cursor.
type templatePicker struct {
	c      *composer
	all    []inbox.Template
	shown  []inbox.Template
	filter *widget.Entry
	list   *widget.List
	pop    *widget.PopUp
}

func (c *composer) showTemplates() {
	ts, err := c.d.u.svc.Templates()
	if err != nil {
		c.d.u.showError(err)
		return
	}
	p := &templatePicker{c: c, all: ts}
	c.tpl = p
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder(c.d.u.tr.T("composer.templates.filter"))
	p.filter.OnChanged = func(string) { p.refilter() }
	p.list = widget.NewList(func() int { return len(p.shown) }, newTemplateRow, p.updateRow)
	p.list.OnSelected = p.choose
	p.refilter()
	var body fyne.CanvasObject = p.list
	if len(ts) == 0 {
		body = wrappedLabel(c.d.u.tr.T("composer.templates.none"))
	}
	p.pop = widget.NewPopUp(container.NewBorder(p.filter, nil, nil, nil, body), c.d.u.win.Canvas())
	size := fyne.NewSize(420, 300)
	p.pop.Resize(size)
	p.pop.ShowAtRelativePosition(fyne.NewPos(0, -size.Height), c.entry)
	c.d.u.win.Canvas().Focus(p.filter)
}

func newTemplateRow() fyne.CanvasObject {
	title := widget.NewLabel("")
	title.TextStyle.Bold = true
	title.Truncation = fyne.TextTruncateEllipsis
	text := widget.NewLabel("")
	text.Truncation = fyne.TextTruncateEllipsis
	text.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(title, text)
}

func (p *templatePicker) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(p.shown[id].Title)
	box.Objects[1].(*widget.Label).SetText(strings.ReplaceAll(p.shown[id].Text, "\n", " "))
}

func (p *templatePicker) refilter() {
	q := strings.ToLower(strings.TrimSpace(p.filter.Text))
	p.shown = p.shown[:0]
	for _, t := range p.all {
		if q == "" || strings.Contains(strings.ToLower(t.Title+" "+t.Text), q) {
			p.shown = append(p.shown, t)
		}
	}
	p.list.UnselectAll()
	p.list.Refresh()
}

func (p *templatePicker) choose(id widget.ListItemID) {
	p.pop.Hide()
	p.c.insertTemplate(p.shown[id])
}

// insertTemplate fills a template with the client's current data and puts it at the
// cursor. Fields that cannot be filled stay as written and are explained above the
// text (checkFields runs on the change), so they are never sent as raw braces.
func (c *composer) insertTemplate(t inbox.Template) {
	c.tplData = nil // the client's data may have changed since the last template
	text, _ := inbox.RenderTemplate(t.Text, c.templateData())
	c.entry.insert(text)
	c.focusEntry()
}
