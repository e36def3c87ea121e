package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// staffWindow is Настройки → Сотрудники и салон: who works here (add, rename, switch
// off one who left) and the salon's details that templates use.
type staffWindow struct {
	u       *UI
	ops     []inbox.Operator
	list    *fyne.Container
	addName *widget.Entry
	errs    *widget.Label
	name    *widget.Entry
	address *widget.Entry
	phone   *widget.Entry
	saved   *widget.Label
	rename  *dialog.FormDialog // the last rename form, for tests
	renameE *widget.Entry
	dlg     *dialog.CustomDialog
}

// showStaff opens Настройки → Сотрудники и салон.
func (u *UI) showStaff() { u.openStaff() }

// openStaff is showStaff returning the window, for tests.
func (u *UI) openStaff() *staffWindow {
	w := &staffWindow{u: u}
	tr := u.tr
	w.list = container.NewVBox()
	w.addName = widget.NewEntry()
	w.addName.SetPlaceHolder(tr.T("staff.add_hint"))
	w.addName.OnSubmitted = func(string) { w.add() }
	w.errs = wrappedLabel("")
	w.errs.Importance = widget.DangerImportance
	w.errs.Hide()
	opsTitle := widget.NewLabel(tr.T("staff.operators"))
	opsTitle.TextStyle.Bold = true
	addRow := container.NewBorder(nil, nil, nil, widget.NewButton(tr.T("staff.add"), w.add), w.addName)
	left := container.NewBorder(container.NewVBox(opsTitle, addRow, w.errs), nil, nil, nil, container.NewVScroll(w.list))
	split := container.NewHSplit(left, w.salonForm())
	split.Offset = 0.55 // the staff's names and two buttons need more room than the form
	w.dlg = dialog.NewCustom(tr.T("staff.title"), tr.T("leads.close"), split, u.win)
	w.dlg.Resize(fyne.NewSize(900, 560))
	if !w.reload() {
		return nil
	}
	w.dlg.Show()
	return w
}

// reload lists the operators: name, Переименовать, Отключить/Включить.
func (w *staffWindow) reload() bool {
	ops, err := w.u.svc.Operators()
	if err != nil {
		w.u.showError(err)
		return false
	}
	w.ops = ops
	w.list.RemoveAll()
	for _, o := range ops {
		w.list.Add(w.operatorRow(o))
	}
	return true
}

func (w *staffWindow) operatorRow(o inbox.Operator) fyne.CanvasObject {
	tr := w.u.tr
	name := widget.NewLabel(o.Name)
	name.Truncation = fyne.TextTruncateEllipsis
	toggle := widget.NewButton(tr.T("staff.deactivate"), func() { w.setActive(o, false) })
	if !o.Active {
		name.SetText(tr.T("staff.inactive", map[string]any{"Name": o.Name}))
		name.Importance = widget.LowImportance
		toggle = widget.NewButton(tr.T("staff.activate"), func() { w.setActive(o, true) })
	}
	rename := widget.NewButton(tr.T("staff.rename"), func() { w.askRename(o) })
	return container.NewBorder(nil, nil, nil, container.NewHBox(rename, toggle), name)
}

// done shows an error under the list, or clears it, and re-reads the list on success.
func (w *staffWindow) done(err error) {
	if err != nil {
		w.errs.SetText(w.u.tr.Err(err))
		w.errs.Show()
		return
	}
	w.errs.Hide()
	w.reload()
}

func (w *staffWindow) add() {
	_, err := w.u.svc.AddOperator(w.addName.Text)
	if err == nil {
		w.addName.SetText("")
	}
	w.done(err)
}

func (w *staffWindow) setActive(o inbox.Operator, active bool) {
	w.done(w.u.svc.SetOperatorActive(o.ID, active))
}

func (w *staffWindow) askRename(o inbox.Operator) {
	tr := w.u.tr
	w.renameE = widget.NewEntry()
	w.renameE.SetText(o.Name)
	item := widget.NewFormItem(tr.T("staff.rename_title"), w.renameE)
	w.rename = dialog.NewForm(tr.T("staff.rename"), tr.T("leads.save"), tr.T("common.cancel"), []*widget.FormItem{item},
		func(ok bool) {
			if ok {
				w.done(w.u.svc.RenameOperator(o.ID, w.renameE.Text))
			}
		}, w.u.win)
	w.rename.Resize(fyne.NewSize(400, 160))
	w.rename.Show()
}

// salonForm is the salon's name, address and phone.
func (w *staffWindow) salonForm() fyne.CanvasObject {
	tr := w.u.tr
	sl, err := w.u.svc.Salon()
	if err != nil {
		w.u.log.Error("salon", "err", err)
	}
	w.name, w.address, w.phone = entryWith(sl.Name, ""), entryWith(sl.Address, ""), entryWith(sl.Phone, "")
	w.saved = widget.NewLabel("")
	w.saved.Importance = widget.SuccessImportance
	title := widget.NewLabel(tr.T("staff.salon"))
	title.TextStyle.Bold = true
	note := wrappedLabel(tr.T("staff.salon_note"))
	note.Importance = widget.LowImportance
	form := widget.NewForm(
		widget.NewFormItem(tr.T("staff.salon_name"), w.name),
		widget.NewFormItem(tr.T("staff.salon_address"), w.address),
		widget.NewFormItem(tr.T("staff.salon_phone"), w.phone))
	save := widget.NewButton(tr.T("leads.save"), w.saveSalon)
	save.Importance = widget.HighImportance
	return container.NewVBox(title, form, note, container.NewHBox(layout.NewSpacer(), w.saved, save))
}

func (w *staffWindow) saveSalon() {
	err := w.u.svc.SetSalon(inbox.Salon{Name: w.name.Text, Address: w.address.Text, Phone: w.phone.Text})
	if err != nil {
		w.u.showError(err)
		return
	}
	w.saved.SetText(w.u.tr.T("staff.salon_saved"))
}
