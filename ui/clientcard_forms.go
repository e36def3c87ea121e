package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// addForm is a form folded under an "add" button at the end of a section.
type addForm struct {
	open   *widget.Button
	body   *fyne.Container
	save   *widget.Button
	errs   map[string]*widget.RichText
	fields *widget.Form
}

func newAddForm(openText, saveText string, onSave, relayout func()) *addForm {
	f := &addForm{errs: map[string]*widget.RichText{}, fields: widget.NewForm()}
	f.save = widget.NewButtonWithIcon(saveText, theme.DocumentSaveIcon(), onSave)
	f.save.Importance = widget.HighImportance
	f.body = container.NewVBox(f.fields, container.NewHBox(f.save))
	f.body.Hide()
	f.open = widget.NewButtonWithIcon(openText, theme.ContentAddIcon(), func() { f.body.Show(); f.open.Hide(); relayout() })
	f.open.Importance = widget.LowImportance
	return f
}

func (f *addForm) view() fyne.CanvasObject {
	return container.NewVBox(container.NewHBox(f.open), f.body)
}

// add appends a field with its error line.
func (f *addForm) add(key, label string, o fyne.CanvasObject) {
	f.errs[key] = errText()
	f.fields.Append(label, container.NewVBox(o, f.errs[key]))
}

func (f *addForm) clear() {
	for _, t := range f.errs {
		setErr(t, "")
	}
}

// visitForm is "Добавить визит": date, time, master, service, price and status.
type visitForm struct {
	*addForm
	date, at, master, service, price *widget.Entry
	status                           *widget.Select
}

var visitStatuses = []inbox.VisitStatus{inbox.VisitBooked, inbox.VisitCame, inbox.VisitNoShow, inbox.VisitCancelled}

func (c *clientCard) newVisitForm() *visitForm {
	tr := c.u.tr
	v := &visitForm{date: widget.NewEntry(), at: widget.NewEntry(), master: widget.NewEntry(), service: widget.NewEntry(), price: widget.NewEntry()}
	v.addForm = newAddForm(tr.T("card.visit.add"), tr.T("card.edit.save"), func() { c.saveVisit(v) }, c.relayout)
	v.date.SetPlaceHolder(tr.T("card.birthday.placeholder"))
	v.at.SetPlaceHolder(tr.T("card.visit.time_placeholder"))
	var names []string
	for _, s := range visitStatuses {
		names = append(names, tr.T("client.visit."+string(s)))
	}
	v.status = widget.NewSelect(names, nil)
	v.status.SetSelectedIndex(0)
	v.add("date", tr.T("card.visit.date"), v.date)
	v.add("time", tr.T("card.visit.time"), v.at)
	v.add("master", tr.T("card.visit.master"), v.master)
	v.add("service", tr.T("card.visit.service"), v.service)
	v.add("price", tr.T("card.visit.price"), v.price)
	v.add("status", tr.T("card.visit.status"), v.status)
	return v
}

// saveVisit checks the form and saves the visit; each wrong field says why.
func (c *clientCard) saveVisit(v *visitForm) {
	tr := c.u.tr
	v.clear()
	ok := true
	fail := func(key, msg string) { setErr(v.errs[key], msg); ok = false }
	day, err := inbox.ParseDate("date", v.date.Text)
	switch {
	case err != nil:
		fail("date", c.fieldErr(err))
	case day.IsZero():
		fail("date", tr.T("card.visit.date_required"))
	}
	hm, err := time.Parse("15:04", strings.TrimSpace(v.at.Text))
	if err != nil {
		fail("time", tr.T("card.visit.bad_time", map[string]any{"Time": v.at.Text}))
	}
	price, pok := parseRubles(v.price.Text)
	if !pok {
		fail("price", tr.T("card.visit.bad_price", map[string]any{"Price": v.price.Text}))
	}
	if strings.TrimSpace(v.service.Text) == "" {
		fail("service", tr.T("card.visit.service_required"))
	}
	if !ok {
		c.relayout()
		return
	}
	at := time.Date(day.Year(), day.Month(), day.Day(), hm.Hour(), hm.Minute(), 0, 0, time.Local)
	_, err = c.u.svc.SaveVisit(inbox.Visit{Client: c.id, At: at, Master: strings.TrimSpace(v.master.Text),
		Service: strings.TrimSpace(v.service.Text), Price: price, Status: visitStatuses[max(v.status.SelectedIndex(), 0)]})
	if err != nil {
		c.u.showError(err)
		return
	}
	c.reload()
}

// fieldErr is the message of a form check (ParseDate's), in the interface language.
func (c *clientCard) fieldErr(err error) string {
	if fes := inbox.FieldErrors(err); len(fes) > 0 {
		return c.u.tr.T(fes[0].Key, fes[0].Args)
	}
	return c.u.tr.Err(err)
}

// parseRubles reads a price in rubles as typed ("1800", "1 800", "1800,50") into
// kopecks; empty is zero.
func parseRubles(s string) (int64, bool) {
	s = strings.NewReplacer(" ", "", nbsp, "", "₽", "", ",", ".").Replace(s)
	if s == "" {
		return 0, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e9 {
		return 0, false
	}
	return int64(f*100 + 0.5), true
}

// taskForm is "Добавить задачу": what to do, by when, who is responsible.
type taskForm struct {
	*addForm
	text, due *widget.Entry
	who       *widget.Select
	ops       []inbox.Operator
}

func (c *clientCard) newTaskForm() *taskForm {
	tr := c.u.tr
	t := &taskForm{text: widget.NewEntry(), due: widget.NewEntry()}
	t.addForm = newAddForm(tr.T("card.task.add"), tr.T("card.edit.save"), func() { c.saveTask(t) }, c.relayout)
	t.due.SetPlaceHolder(tr.T("card.birthday.placeholder"))
	names := []string{tr.T("card.task.nobody")}
	t.ops = []inbox.Operator{{}}
	if all, err := c.u.svc.Operators(); err == nil {
		for _, op := range all {
			if op.Active {
				t.ops, names = append(t.ops, op), append(names, op.Name)
			}
		}
	}
	t.who = widget.NewSelect(names, nil)
	t.who.SetSelectedIndex(0)
	for i, op := range t.ops {
		if op.ID != 0 && op.ID == c.u.me.ID {
			t.who.SetSelectedIndex(i)
		}
	}
	t.add("text", tr.T("card.task.text"), t.text)
	t.add("due", tr.T("card.task.due"), t.due)
	t.add("who", tr.T("card.task.who"), t.who)
	return t
}

func (c *clientCard) saveTask(t *taskForm) {
	tr := c.u.tr
	t.clear()
	ok := true
	if strings.TrimSpace(t.text.Text) == "" {
		setErr(t.errs["text"], tr.T("card.task.text_required"))
		ok = false
	}
	due, err := inbox.ParseDate("due", t.due.Text)
	if err != nil {
		setErr(t.errs["due"], c.fieldErr(err))
		ok = false
	}
	if !ok {
		c.relayout()
		return
	}
	if !due.IsZero() {
		due = time.Date(due.Year(), due.Month(), due.Day(), 0, 0, 0, 0, time.Local)
	}
	_, err = c.u.svc.SaveTask(inbox.Task{Client: c.id, Text: strings.TrimSpace(t.text.Text), Due: due,
		Operator: t.ops[max(t.who.SelectedIndex(), 0)].ID})
	if err != nil {
		c.u.showError(err)
		return
	}
	c.reload()
}
