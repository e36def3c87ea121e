package ui

import (
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// postponeMenu lists the clock button's choices: the quick ones and "until a date".
func (h *dialogHeader) postponeMenu() *fyne.Menu {
	tr := h.d.u.tr
	quick := func(p inbox.Postponement) func() { return func() { h.postponeFor(p) } }
	return fyne.NewMenu("",
		fyne.NewMenuItem(tr.T("dialog.postpone.hour"), quick(inbox.PostponeHour)),
		fyne.NewMenuItem(tr.T("dialog.postpone.day"), quick(inbox.PostponeDay)),
		fyne.NewMenuItem(tr.T("dialog.postpone.week"), quick(inbox.PostponeWeek)),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(tr.T("dialog.postpone.until"), h.showPostponeForm))
}

func (h *dialogHeader) showPostponeMenu() {
	widget.ShowPopUpMenuAtRelativePosition(h.postponeMenu(), h.d.u.win.Canvas(),
		fyne.NewPos(0, h.clock.Size().Height), h.clock)
}

func (h *dialogHeader) postponeFor(p inbox.Postponement) {
	if err := h.d.u.svc.PostponeFor(h.d.u.me.ID, h.d.row.Dialog.ID, p); err != nil {
		h.d.u.showError(err)
	}
}

func (h *dialogHeader) showPostponeForm() { newPostponeForm(h).dlg.Show() }

// postponeForm asks for the date and time a dialog is put aside until. It refuses a
// moment in the past inside the form, so the administrator corrects it in place.
type postponeForm struct {
	h       *dialogHeader
	date    *widget.DateEntry
	hour    *widget.Select
	minute  *widget.Select
	problem *widget.Label
	dlg     *dialog.CustomDialog
}

func newPostponeForm(h *dialogHeader) *postponeForm {
	tr := h.d.u.tr
	f := &postponeForm{h: h}
	h.form = f
	def := startOfDay(localTime(h.d.u.svc.Now())).AddDate(0, 0, 1).Add(10 * time.Hour)
	f.date = widget.NewDateEntry()
	f.date.SetDate(&def)
	f.hour = widget.NewSelect(twoDigits(0, 23, 1), nil)
	f.hour.SetSelected(fmt.Sprintf("%02d", def.Hour()))
	f.minute = widget.NewSelect(twoDigits(0, 55, 5), nil)
	f.minute.SetSelected("00")
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Hide()
	form := widget.NewForm(
		widget.NewFormItem(tr.T("dialog.postpone.date"), f.date),
		widget.NewFormItem(tr.T("dialog.postpone.time"), container.NewHBox(f.hour, widget.NewLabel(":"), f.minute)))
	ok := widget.NewButton(tr.T("dialog.postpone.confirm"), f.submit)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(tr.T("dialog.cancel"), func() { f.dlg.Hide() })
	content := container.NewVBox(form, f.problem, container.NewHBox(layout.NewSpacer(), cancel, ok))
	f.dlg = dialog.NewCustomWithoutButtons(tr.T("dialog.postpone.title"), content, h.d.u.win)
	f.dlg.Resize(fyne.NewSize(420, 0))
	return f
}

// until is the chosen moment in local time; false when the date is missing or mistyped.
func (f *postponeForm) until() (time.Time, bool) {
	if f.date.Date == nil || f.date.Validate() != nil {
		return time.Time{}, false
	}
	h, _ := strconv.Atoi(f.hour.Selected)
	m, _ := strconv.Atoi(f.minute.Selected)
	d := *f.date.Date
	return time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, time.Local), true
}

func (f *postponeForm) submit() {
	u := f.h.d.u
	until, ok := f.until()
	switch {
	case !ok:
		f.refuse(u.tr.T("dialog.postpone.no_date"))
	case !until.After(u.svc.Now()):
		f.refuse(u.tr.T("dialog.postpone.in_past", map[string]any{"Now": f.h.d.dateTime(u.svc.Now())}))
	default:
		if err := u.svc.Postpone(u.me.ID, f.h.d.row.Dialog.ID, until); err != nil {
			f.refuse(u.tr.Err(err))
			return
		}
		f.dlg.Hide()
	}
}

func (f *postponeForm) refuse(text string) {
	f.problem.SetText(text)
	f.problem.Show()
}

// twoDigits lists "00", "05", … from first to last by step, for the time selects.
func twoDigits(first, last, step int) []string {
	var out []string
	for i := first; i <= last; i += step {
		out = append(out, fmt.Sprintf("%02d", i))
	}
	return out
}
