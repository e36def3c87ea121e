package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// cardEdit is the card's edit form. Сохранить sends the whole card to SaveClient; every
// wrong field comes back at once and is shown in red under that field (under that phone
// for a phone), and nothing is saved until all are right.
type cardEdit struct {
	c       *clientCard
	base    inbox.Client
	entries map[string]*widget.Entry
	errs    map[string]*widget.RichText
	phones  []*phoneRow
	main    *phoneRow
	phoneBx *fyne.Container
	gender  *widget.Select
	consent *widget.Check
	general *widget.RichText // an error that is no field's (the card was merged meanwhile)
	save    *widget.Button
	cancel  *widget.Button
}

// phoneRow is one phone of the form: the number, the "main" mark, removal, its error.
type phoneRow struct {
	entry  *widget.Entry
	isMain *widget.Button
	remove *widget.Button
	err    *widget.RichText
}

// startEdit switches the card to its edit form, filled from cl.
func (c *clientCard) startEdit(cl inbox.Client) {
	e := &cardEdit{c: c, base: cl, entries: map[string]*widget.Entry{}, errs: map[string]*widget.RichText{}}
	c.edit = e
	c.setContent(e.build())
}

func (e *cardEdit) build() fyne.CanvasObject {
	tr, cl := e.c.u.tr, e.base
	form := widget.NewForm()
	for _, f := range []struct{ field, label, value string }{
		{inbox.FieldSurname, "client.field.surname", cl.Surname}, {inbox.FieldFirstName, "client.field.first_name", cl.FirstName},
		{inbox.FieldPatronymic, "client.field.patronymic", cl.Patronymic}, {inbox.FieldName, "client.field.name", cl.Name},
	} {
		form.Append(tr.T(f.label), e.entry(f.field, f.value, false))
	}
	e.phoneBx = container.NewVBox()
	for _, p := range cl.Phones {
		e.addPhone(inbox.FormatPhone(p))
	}
	if len(e.phones) == 0 {
		e.addPhone("")
	}
	addPhone := widget.NewButtonWithIcon(tr.T("card.phone.add"), theme.ContentAddIcon(), func() { e.addPhone("") })
	addPhone.Importance = widget.LowImportance
	form.Append(tr.T("client.field.phones"), container.NewVBox(e.phoneBx, container.NewHBox(addPhone)))
	form.Append(tr.T("client.field.email"), e.entry(inbox.FieldEmail, cl.Email, false))
	birthday := ""
	if !cl.Birthday.IsZero() {
		birthday = cl.Birthday.UTC().Format(tr.T("client.format.date"))
	}
	form.Append(tr.T("client.field.birthday"), e.entry(inbox.FieldBirthday, birthday, false))
	e.entries[inbox.FieldBirthday].SetPlaceHolder(tr.T("card.birthday.placeholder"))
	form.Append(tr.T("client.change.gender"), e.withErr(inbox.FieldGender, e.genderSelect(cl.Gender)))
	form.Append(tr.T("client.change.source"), e.entry(inbox.FieldSource, cl.Source, false))
	e.entries[inbox.FieldSource].SetPlaceHolder(tr.T("card.source.placeholder"))
	e.consent = widget.NewCheck(tr.T("card.consent.label"), nil)
	e.consent.SetChecked(cl.Consent)
	form.Append(tr.T("client.change.consent"), e.consent)
	form.Append(tr.T("client.field.notes"), e.entry(inbox.FieldNotes, cl.Notes, true))
	e.general = errText()
	e.save = widget.NewButtonWithIcon(tr.T("card.edit.save"), theme.DocumentSaveIcon(), e.submit)
	e.save.Importance = widget.HighImportance
	e.cancel = widget.NewButton(tr.T("card.edit.cancel"), e.close)
	title := tr.T("card.new.title")
	if cl.ID != 0 {
		title = cl.DisplayName()
	}
	return container.NewVBox(e.c.title(title), form, e.general, container.NewHBox(e.save, e.cancel))
}

// entry is a text field with its error line under it.
func (e *cardEdit) entry(field, value string, multi bool) fyne.CanvasObject {
	en := widget.NewEntry()
	if multi {
		en = widget.NewMultiLineEntry()
		en.Wrapping = fyne.TextWrapWord
		en.SetMinRowsVisible(3)
	}
	en.SetText(value)
	e.entries[field] = en
	return e.withErr(field, en)
}

func (e *cardEdit) withErr(field string, o fyne.CanvasObject) fyne.CanvasObject {
	e.errs[field] = errText()
	return container.NewVBox(o, e.errs[field])
}

func (e *cardEdit) genderSelect(g inbox.Gender) *widget.Select {
	tr := e.c.u.tr
	none, female, male := tr.T("card.gender.unknown"), tr.T("client.gender.female"), tr.T("client.gender.male")
	e.gender = widget.NewSelect([]string{none, female, male}, nil)
	e.gender.SetSelected(map[inbox.Gender]string{inbox.GenderUnknown: none, inbox.GenderFemale: female, inbox.GenderMale: male}[g])
	return e.gender
}

func (e *cardEdit) genderValue() inbox.Gender {
	switch e.gender.SelectedIndex() {
	case 1:
		return inbox.GenderFemale
	case 2:
		return inbox.GenderMale
	}
	return inbox.GenderUnknown
}

// addPhone adds a phone row; the first one is the main one.
func (e *cardEdit) addPhone(text string) {
	r := &phoneRow{entry: widget.NewEntry(), err: errText()}
	r.entry.SetText(text)
	r.entry.SetPlaceHolder(e.c.u.tr.T("card.phone.placeholder"))
	r.isMain = widget.NewButtonWithIcon("", theme.RadioButtonIcon(), func() { e.setMain(r) })
	r.isMain.Importance = widget.LowImportance
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.removePhone(r) })
	r.remove.Importance = widget.LowImportance
	e.phones = append(e.phones, r)
	if e.main == nil {
		e.main = r
	}
	e.layoutPhones()
}

func (e *cardEdit) removePhone(r *phoneRow) {
	for i, p := range e.phones {
		if p == r {
			e.phones = append(e.phones[:i:i], e.phones[i+1:]...)
		}
	}
	if e.main == r {
		e.main = nil
		if len(e.phones) > 0 {
			e.main = e.phones[0]
		}
	}
	e.layoutPhones()
}

func (e *cardEdit) setMain(r *phoneRow) {
	e.main = r
	e.layoutPhones()
}

// layoutPhones redraws the phone rows with the main one's radio set.
func (e *cardEdit) layoutPhones() {
	e.phoneBx.Objects = nil
	for _, r := range e.phones {
		icon := theme.RadioButtonIcon()
		if r == e.main {
			icon = theme.RadioButtonCheckedIcon()
		}
		r.isMain.SetIcon(icon)
		row := container.NewBorder(nil, nil, r.isMain, r.remove, r.entry)
		e.phoneBx.Add(container.NewVBox(row, r.err))
	}
	e.c.relayout()
}

// client is the card as the form holds it, the main phone first; order maps each phone
// sent to its row, to put a phone's error under the right row.
func (e *cardEdit) client() (inbox.Client, []*phoneRow) {
	c := e.base
	get := func(f string) string { return e.entries[f].Text }
	c.Surname, c.FirstName, c.Patronymic, c.Name = get(inbox.FieldSurname), get(inbox.FieldFirstName), get(inbox.FieldPatronymic), get(inbox.FieldName)
	c.Email, c.Source, c.Notes = get(inbox.FieldEmail), get(inbox.FieldSource), get(inbox.FieldNotes)
	c.Gender, c.Consent = e.genderValue(), e.consent.Checked
	var order []*phoneRow
	if e.main != nil {
		order = append(order, e.main)
	}
	for _, r := range e.phones {
		if r != e.main {
			order = append(order, r)
		}
	}
	c.Phones = nil
	for _, r := range order {
		c.Phones = append(c.Phones, r.entry.Text)
	}
	return c, order
}

// submit saves the card, or shows what is wrong next to each field.
func (e *cardEdit) submit() {
	e.clearErrors()
	c, order := e.client()
	bday, err := inbox.ParseDate(inbox.FieldBirthday, e.entries[inbox.FieldBirthday].Text)
	if err == nil {
		c.Birthday = bday
		c, err = e.c.u.svc.SaveClient(e.c.u.me.ID, c)
	}
	if err != nil {
		e.showErrors(err, order)
		return
	}
	e.c.saved(c.ID)
}

func (e *cardEdit) clearErrors() {
	for _, t := range e.errs {
		setErr(t, "")
	}
	for _, r := range e.phones {
		setErr(r.err, "")
	}
	setErr(e.general, "")
}

func (e *cardEdit) showErrors(err error, order []*phoneRow) {
	defer e.c.relayout()
	tr := e.c.u.tr
	fes := inbox.FieldErrors(err)
	if len(fes) == 0 {
		setErr(e.general, tr.Err(err))
		return
	}
	for _, fe := range fes {
		msg := tr.T(fe.Key, fe.Args)
		switch {
		case fe.Field == inbox.FieldPhones && fe.Index < len(order):
			setErr(order[fe.Index].err, msg)
		case e.errs[fe.Field] != nil:
			setErr(e.errs[fe.Field], msg)
		default:
			setErr(e.general, msg)
		}
	}
}

// close leaves the edit form without saving.
func (e *cardEdit) close() {
	c := e.c
	c.edit = nil
	if c.id == 0 {
		c.win.Close()
		return
	}
	c.reload()
}

// saved returns the card to view mode after a save; a new card joins the open ones.
func (c *clientCard) saved(id inbox.ClientID) {
	if c.id == 0 {
		c.id = id
		if p := c.u.client; p.cards[id] == nil {
			p.cards[id] = c
		}
	}
	c.edit = nil
	c.reload()
	if c.onSaved != nil {
		c.onSaved()
	}
}

// relayout lays the card out again after a part of it grew or shrank (a phone row, an
// error line, an opened form): the form and the scroll keep their old sizes otherwise.
func (c *clientCard) relayout() {
	if o := c.scroll.Content; o != nil {
		o.Refresh()
	}
	c.scroll.Refresh()
}

// errText is a red message under a field, empty (and taking no room) until set.
func errText() *widget.RichText {
	t := plainText()
	t.Hide()
	return t
}

func setErr(t *widget.RichText, msg string) {
	t.Segments = nil
	if msg != "" {
		t.Segments = plainText(textLine{text: msg, color: theme.ColorNameError}).Segments
		t.Show()
	} else {
		t.Hide()
	}
	t.Refresh()
}
