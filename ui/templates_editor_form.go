package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// form is the right side: title, the field inserter, the text with its warnings, the
// preview and the buttons.
func (e *templatesEditor) form() fyne.CanvasObject {
	tr := e.u.tr
	e.title = widget.NewEntry()
	e.title.SetPlaceHolder(tr.T("templates.title_hint"))
	e.text = widget.NewMultiLineEntry()
	e.text.Wrapping = fyne.TextWrapWord
	e.text.SetMinRowsVisible(5)
	e.text.SetPlaceHolder(tr.T("templates.text_hint"))
	e.text.OnChanged = func(string) { e.check(); e.renderPreview() }
	e.warn = wrappedLabel("")
	e.warn.Importance = widget.WarningImportance
	e.warn.Hide()
	e.preview = wrappedLabel("")
	e.previewC = newClientPicker(e.u, 0)
	e.previewC.onChange = func(inbox.ClientID) { e.renderPreview() }
	e.status = widget.NewLabel("")
	e.status.Importance = widget.SuccessImportance
	save := widget.NewButton(tr.T("leads.save"), e.save)
	save.Importance = widget.HighImportance
	e.archive = widget.NewButton(tr.T("templates.archive"), e.doArchive)
	e.restore = widget.NewButton(tr.T("templates.restore"), e.doRestore)
	note := wrappedLabel(tr.T("templates.archive_note"))
	note.SizeName = theme.SizeNameCaptionText
	buttons := container.NewHBox(e.archive, e.restore, layout.NewSpacer(), e.status, save)
	previewTitle := widget.NewLabel(tr.T("templates.preview"))
	previewTitle.TextStyle.Bold = true
	body := container.NewVBox(
		widget.NewForm(widget.NewFormItem(tr.T("templates.field_title"), e.title)),
		container.NewHBox(widget.NewLabel(tr.T("templates.insert")), e.inserter()),
		e.text, e.warn,
		previewTitle, e.previewC.view(), e.preview, note)
	return container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(body))
}

// inserter is a select per field group; choosing a field puts {Группа.Поле} at the
// cursor, the way pasting does.
func (e *templatesEditor) inserter() fyne.CanvasObject {
	row := container.NewHBox()
	for _, g := range inbox.TemplateFieldGroups() {
		var sel *widget.Select
		names := make([]string, len(g.Fields))
		for i, f := range g.Fields {
			_, names[i], _ = strings.Cut(f, ".")
		}
		sel = widget.NewSelect(names, func(s string) {
			if s == "" {
				return
			}
			e.insertField(g.Name + "." + s)
			sel.ClearSelected()
		})
		sel.PlaceHolder = g.Name
		row.Add(sel)
	}
	return row
}

func (e *templatesEditor) insertField(field string) {
	e.text.TypedShortcut(&fyne.ShortcutPaste{Clipboard: textClipboard("{" + field + "}")})
	if c := e.u.win.Canvas(); c != nil {
		c.Focus(e.text)
	}
}

// check flags unknown fields as the text is typed.
func (e *templatesEditor) check() {
	var lines []string
	for _, p := range inbox.CheckTemplate(e.text.Text) {
		lines = append(lines, e.u.tr.T(p.Reason, map[string]any{"Field": "{" + p.Field + "}"}))
	}
	e.warn.SetText(strings.Join(lines, "\n"))
	e.warn.Hidden = len(lines) == 0
	e.warn.Refresh()
}

// renderPreview fills the text for the chosen client, saying which fields stay empty.
func (e *templatesEditor) renderPreview() {
	if e.previewC.chosen == 0 {
		e.preview.SetText(e.u.tr.T("templates.preview_choose"))
		return
	}
	data, err := e.u.svc.TemplateDataForClient(e.u.me.ID, e.previewC.chosen)
	if err != nil {
		e.u.showError(err)
		return
	}
	text, problems := inbox.RenderTemplate(e.text.Text, data)
	for _, p := range problems {
		text += "\n" + e.u.tr.T("templates.preview_problem", map[string]any{
			"Text": e.u.tr.T(p.Reason, map[string]any{"Field": "{" + p.Field + "}"})})
	}
	e.preview.SetText(text)
}

func (e *templatesEditor) save() {
	t := e.cur
	t.Title, t.Text = e.title.Text, e.text.Text
	saved, err := e.u.svc.SaveTemplate(t)
	if err != nil {
		e.status.SetText("")
		e.warn.SetText(e.u.tr.Err(err))
		e.warn.Show()
		return
	}
	e.reload()
	e.edit(saved)
	e.status.SetText(e.u.tr.T("templates.saved"))
}

func (e *templatesEditor) doArchive() { e.setArchived(true) }
func (e *templatesEditor) doRestore() { e.setArchived(false) }

func (e *templatesEditor) setArchived(archived bool) {
	op := e.u.svc.ArchiveTemplate
	if !archived {
		op = e.u.svc.RestoreTemplate
	}
	if err := op(e.cur.ID); err != nil {
		e.u.showError(err)
		return
	}
	t := e.cur
	t.Archived = archived
	e.reload()
	e.edit(t)
}
