package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// The wizard's steps, in order.
const (
	stepLanguage = iota
	stepSalon
	stepOperator
	stepChoice
	stepCount
)

// wizardWidth is the width of the wizard's column: wide enough for the longest
// explanation in two or three lines, narrow enough to read on a 1366 px screen.
const wizardWidth = 600

// wizard is the first start: language, the salon's details, the first operator, then
// connecting a messenger or looking at the demo salon. It fills the messenger window
// until it is done. What was typed is kept in the wizard, not in the widgets, so that
// going back or switching the language loses nothing.
type wizard struct {
	u     *UI
	step  int
	salon inbox.Salon
	name  string         // the first operator's name as typed
	op    inbox.Operator // created on leaving the operator step; going back renames it

	// The widgets of the step on screen (tests type into them and tap them).
	langs                          *widget.RadioGroup
	salonName, address, phone, opE *widget.Entry
	errs                           *widget.Label
	back, next                     *widget.Button
	connect, demo, later           *widget.Button
	title                          *widget.Label
}

// needsSetup reports whether the data folder is new: no operator and no account yet
// (a salon name alone does not count, so a start stopped before the operator step
// runs the wizard again with the details filled in).
func (u *UI) needsSetup() bool {
	ops, err := u.svc.Operators()
	if err != nil {
		u.log.Error("operators", "err", err)
		return false
	}
	return len(ops) == 0 && len(u.accounts) == 0
}

// startWizard shows the first-run wizard in the window.
func (u *UI) startWizard() {
	sl, err := u.svc.Salon()
	if err != nil {
		u.log.Error("salon", "err", err)
	}
	u.wizard = &wizard{u: u, salon: sl}
	u.win.SetMainMenu(nil) // the messenger's menu means nothing before there is an operator
	u.win.Canvas().SetOnTypedKey(u.wizard.typedKey)
	u.wizard.render()
}

// render shows the current step in the current language.
func (w *wizard) render() {
	tr := w.u.tr
	w.title = widget.NewLabel(tr.T("wizard.title." + itoa(w.step)))
	w.title.TextStyle.Bold = true
	w.title.SizeName = theme.SizeNameHeadingText
	progress := widget.NewLabel(tr.T("wizard.progress", map[string]any{"Step": w.step + 1, "Of": stepCount}))
	// Low importance draws in the disabled colour, unreadable on the dark theme: a
	// smaller caption in the ordinary colour reads as secondary and still reads.
	progress.SizeName = theme.SizeNameCaptionText
	w.errs = wrappedLabel("")
	w.errs.Importance = widget.DangerImportance
	w.errs.Hide()
	w.back = widget.NewButton(tr.T("wizard.back"), w.goBack)
	w.next = widget.NewButton(tr.T("wizard.next"), w.goNext)
	w.next.Importance = widget.HighImportance
	if w.step == stepLanguage {
		w.back.Hide()
	}
	if w.step == stepChoice {
		w.next.Hide()
	}
	body, focus := w.stepBody()
	text := wrappedLabel(tr.T("wizard.text." + itoa(w.step)))
	column := container.NewVBox(progress, w.title, text, body, w.errs,
		container.NewHBox(w.back, layoutSpacer(), w.next))
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(wizardWidth, 0))
	w.u.win.SetContent(container.NewCenter(container.NewStack(width, column)))
	if focus != nil {
		w.u.win.Canvas().Focus(focus)
	}
}

// stepBody builds the current step's fields and returns the one to type into first.
func (w *wizard) stepBody() (fyne.CanvasObject, fyne.Focusable) {
	switch w.step {
	case stepLanguage:
		return w.languageBody(), nil
	case stepSalon:
		return w.salonBody(), w.salonName
	case stepOperator:
		return w.operatorBody(), w.opE
	default:
		return w.choiceBody(), nil
	}
}

// goNext saves the step and moves on; a step that cannot be saved stays, saying why.
func (w *wizard) goNext() {
	if w.step >= stepChoice {
		return
	}
	w.keep()
	if err := w.save(); err != nil {
		w.showError(err)
		return
	}
	w.step++
	w.render()
}

// goBack returns to the previous step, keeping what was typed on this one.
func (w *wizard) goBack() {
	if w.step == stepLanguage {
		return
	}
	w.keep()
	w.step--
	w.render()
}

// typedKey lets Enter move on from the steps without a text field.
func (w *wizard) typedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		w.goNext()
	}
}

// keep copies what is typed on the step on screen into the wizard.
func (w *wizard) keep() {
	switch w.step {
	case stepSalon:
		w.salon.Name, w.salon.Address, w.salon.Phone = w.salonName.Text, w.address.Text, w.phone.Text
	case stepOperator:
		w.name = w.opE.Text
	}
}

// save stores the step's data: the salon's details or the first operator.
func (w *wizard) save() error {
	switch w.step {
	case stepSalon:
		return w.saveSalon()
	case stepOperator:
		return w.saveOperator()
	}
	return nil
}

func (w *wizard) showError(err error) {
	w.u.log.Info("wizard", "step", w.step, "err", err)
	w.errs.SetText(w.u.tr.Err(err))
	w.errs.Show()
}

// finish replaces the wizard with the messenger.
func (w *wizard) finish() {
	u := w.u
	u.wizard = nil
	u.win.Canvas().SetOnTypedKey(nil)
	u.build()
}
