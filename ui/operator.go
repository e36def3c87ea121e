package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// Preference keys; one place so that no literal is repeated.
const (
	prefOperator = "operator.last"
	prefLanguage = "language"
)

// Start shows the window and asks who is working: a shared front-desk PC has several
// administrators per shift. A new data folder gets the first-run wizard instead.
func (u *UI) Start() {
	u.startLive()
	u.win.Show()
	u.begin()
}

// StartHidden starts receiving with the window hidden in the tray (a start with the
// system login): the operator who worked last goes on, and anyone else is asked when
// the window is opened. Without a tray, or on a new data folder, it is Start.
func (u *UI) StartHidden() {
	if u.opts.Tray == nil || u.needsSetup() {
		u.Start()
		return
	}
	u.startLive()
	u.live.focused = false // nobody sees the window: new messages go to notifications
	if !u.resumeOperator() {
		u.askOperator(false)
	}
}

// Continue shows the window after a switch of data folders: the same person is at the
// keyboard, so the operator who worked last in this folder goes on, and only a folder
// without one asks.
func (u *UI) Continue() {
	u.startLive()
	u.win.Show()
	if u.needsSetup() || !u.resumeOperator() {
		u.begin()
	}
}

// begin is the first thing the administrator sees: the wizard or "who is working".
func (u *UI) begin() {
	if u.needsSetup() {
		u.startWizard()
		return
	}
	u.askOperator(false)
}

// resumeOperator makes the operator who worked last the current one, if they still
// work here.
func (u *UI) resumeOperator() bool {
	ops, err := u.svc.Operators()
	if err != nil {
		u.log.Error("operators", "err", err)
		return false
	}
	last := u.app.Preferences().Int(u.operatorPref())
	for _, op := range ops {
		if op.Active && int(op.ID) == last {
			u.setOperator(op)
			return true
		}
	}
	return false
}

// operatorPref is the key of the last operator: the demo salon's operators are other
// people, so it keeps its own.
func (u *UI) operatorPref() string {
	if u.opts.Demo {
		return prefOperator + ".demo"
	}
	return prefOperator
}

// askOperator shows the "who am I" dialog; cancellable only when someone is already
// working (switching operator from the menu).
func (u *UI) askOperator(cancellable bool) {
	ops, err := u.svc.Operators()
	if err != nil {
		u.showError(err)
		return
	}
	var active []inbox.Operator
	for _, op := range ops {
		if op.Active {
			active = append(active, op)
		}
	}
	if len(active) == 0 {
		u.askFirstOperator()
		return
	}
	names := make([]string, len(active))
	for i, op := range active {
		names[i] = op.Name
	}
	choice := widget.NewRadioGroup(names, nil)
	choice.Required = true
	last := u.app.Preferences().IntWithFallback(u.operatorPref(), 0)
	choice.SetSelected(names[0])
	for _, op := range active {
		if int(op.ID) == last {
			choice.SetSelected(op.Name)
		}
	}
	pick := func() {
		for _, op := range active {
			if op.Name == choice.Selected {
				u.setOperator(op)
			}
		}
	}
	content := container.NewVBox(widget.NewLabel(u.tr.T("operator.who")), choice)
	var d dialog.Dialog
	ok := widget.NewButton(u.tr.T("operator.start"), func() { pick(); d.Hide() })
	ok.Importance = widget.HighImportance
	buttons := container.NewHBox(layoutSpacer(), ok)
	if cancellable {
		buttons.Objects = append([]fyne.CanvasObject{widget.NewButton(u.tr.T("common.cancel"), func() { d.Hide() })}, buttons.Objects...)
	}
	d = dialog.NewCustomWithoutButtons(u.tr.T("operator.title"), container.NewBorder(nil, buttons, nil, nil, content), u.win)
	d.Show()
}

// askFirstOperator creates the first operator on a fresh install.
func (u *UI) askFirstOperator() {
	name := widget.NewEntry()
	name.SetPlaceHolder(u.tr.T("operator.name_placeholder"))
	form := dialog.NewForm(u.tr.T("operator.first_title"), u.tr.T("operator.create"), "",
		[]*widget.FormItem{widget.NewFormItem(u.tr.T("operator.name"), name)},
		func(ok bool) {
			op, err := u.svc.AddOperator(strings.TrimSpace(name.Text))
			if err != nil {
				u.showError(err)
				u.askFirstOperator()
				return
			}
			u.setOperator(op)
		}, u.win)
	form.Resize(fyne.NewSize(420, 180))
	form.Show()
}

// setOperator makes op the one working now: "Мои" and the title follow.
func (u *UI) setOperator(op inbox.Operator) {
	u.me = op
	u.app.Preferences().SetInt(u.operatorPref(), int(op.ID))
	u.chats.operatorChanged()
	u.dialog.operatorChanged()
	u.updateTitle()
}
