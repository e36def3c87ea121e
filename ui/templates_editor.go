package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// templatesEditor is Настройки → Шаблоны: the templates in use and, apart, the archived
// ones; the chosen one is edited on the right with a field inserter, a live check of the
// fields and a preview for a chosen client. Templates are archived, never deleted.
type templatesEditor struct {
	u        *UI
	active   []inbox.Template
	archived []inbox.Template
	cur      inbox.Template // being edited; ID 0 for a new one
	actList  *widget.List
	arcList  *widget.List
	title    *widget.Entry
	text     *widget.Entry
	warn     *widget.Label
	preview  *widget.Label
	previewC *clientPicker
	archive  *widget.Button
	restore  *widget.Button
	status   *widget.Label
	dlg      *dialog.CustomDialog
}

// showTemplates opens Настройки → Шаблоны.
func (u *UI) showTemplates() { u.openTemplates() }

// openTemplates is showTemplates returning the editor, for tests.
func (u *UI) openTemplates() *templatesEditor {
	e := &templatesEditor{u: u}
	tr := u.tr
	e.actList = widget.NewList(func() int { return len(e.active) }, newTemplateRow,
		func(id widget.ListItemID, o fyne.CanvasObject) { templateRowSet(o, e.active[id]) })
	e.actList.OnSelected = func(id widget.ListItemID) { e.edit(e.active[id]) }
	e.arcList = widget.NewList(func() int { return len(e.archived) }, newTemplateRow,
		func(id widget.ListItemID, o fyne.CanvasObject) { templateRowSet(o, e.archived[id]) })
	e.arcList.OnSelected = func(id widget.ListItemID) { e.edit(e.archived[id]) }
	add := widget.NewButton(tr.T("templates.new"), func() { e.edit(inbox.Template{}) })
	arcTitle := widget.NewLabel(tr.T("templates.archive_title"))
	arcTitle.TextStyle.Bold = true
	lists := container.NewVSplit(e.actList, container.NewBorder(arcTitle, nil, nil, nil, e.arcList))
	lists.Offset = 0.65
	left := container.NewBorder(add, nil, nil, nil, lists)
	split := container.NewHSplit(left, e.form())
	split.Offset = 0.3
	e.dlg = dialog.NewCustom(tr.T("templates.title"), tr.T("leads.close"), split, u.win)
	e.dlg.Resize(fyne.NewSize(1100, 660))
	if !e.reload() {
		return nil
	}
	e.edit(inbox.Template{})
	e.dlg.Show()
	return e
}

func templateRowSet(o fyne.CanvasObject, t inbox.Template) {
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(t.Title)
	box.Objects[1].(*widget.Label).SetText(t.Text)
}

// reload reads every template, the archived ones apart.
func (e *templatesEditor) reload() bool {
	all, err := e.u.svc.AllTemplates()
	if err != nil {
		e.u.showError(err)
		return false
	}
	e.active, e.archived = nil, nil
	for _, t := range all {
		if t.Archived {
			e.archived = append(e.archived, t)
		} else {
			e.active = append(e.active, t)
		}
	}
	e.actList.UnselectAll()
	e.arcList.UnselectAll()
	e.actList.Refresh()
	e.arcList.Refresh()
	return true
}

// edit puts a template in the form.
func (e *templatesEditor) edit(t inbox.Template) {
	e.cur = t
	e.title.SetText(t.Title)
	e.text.SetText(t.Text)
	e.archive.Hidden = t.ID == 0 || t.Archived
	e.restore.Hidden = !t.Archived
	e.archive.Refresh()
	e.restore.Refresh()
	e.status.SetText("")
}
