package ui

import (
	"context"
	"maps"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// checkLimit is the longest a settings check may keep the form waiting; the network's
// own Check is expected to give up sooner, with a clearer reason.
const checkLimit = 45 * time.Second

func (f *accountForm) newActions() {
	tr := f.w.u.tr
	f.check = widget.NewButtonWithIcon(tr.T("accounts.check"), theme.ViewRefreshIcon(), f.onCheck)
	f.save = widget.NewButtonWithIcon(tr.T("accounts.save"), theme.DocumentSaveIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	f.anyway = widget.NewButton(tr.T("accounts.save_anyway"), f.onSaveAnyway)
	f.anyway.Importance = widget.WarningImportance
	// "Сохранить всё равно" has a line of its own, under the advice that explains it:
	// beside the other buttons it would not fit a narrow window.
	f.anywayRow = container.NewHBox(layout.NewSpacer(), f.anyway)
	f.anywayRow.Hide()
	f.spinner = widget.NewActivity()
	f.spinner.Hide()
	f.result, f.advice = accountWrapped(""), accountCaption("")
	f.result.Hide()
	f.advice.Hide()
	if !f.known || f.net.Check == nil {
		f.check.Hide()
	}
	if f.acc.ID == 0 {
		f.cancel = widget.NewButton(tr.T("common.cancel"), f.w.showHint)
	}
}

// actions is the bar under the form: the check's result, then the buttons, so that
// they stay in view however long the form is.
func (f *accountForm) actions() fyne.CanvasObject {
	buttons := container.NewHBox(f.check, f.spinner, layout.NewSpacer())
	if f.cancel != nil {
		buttons.Add(f.cancel)
	}
	buttons.Add(f.save)
	return container.NewPadded(container.NewVBox(f.result, f.advice, f.anywayRow, buttons))
}

func (f *accountForm) onCheck() {
	a, ok := f.ready()
	if !ok {
		return
	}
	f.runCheck(a, func(err error) {
		if err != nil {
			f.say(widget.DangerImportance, f.w.u.tr.Err(err), "")
			return
		}
		f.say(widget.SuccessImportance, f.w.u.tr.T("accounts.check_ok"), "")
	})
}

// onSave checks new settings before keeping them. When the check fails the salon may
// just be offline, so "Сохранить всё равно" is offered rather than refusing.
func (f *accountForm) onSave() {
	a, ok := f.ready()
	if !ok {
		return
	}
	if !f.needsCheck(a) {
		f.store(a)
		return
	}
	f.runCheck(a, func(err error) {
		if err == nil {
			f.store(a)
			return
		}
		f.anywayRow.Show()
		f.say(widget.DangerImportance, f.w.u.tr.Err(err), f.w.u.tr.T("accounts.save_failed_check"))
	})
}

func (f *accountForm) onSaveAnyway() {
	if a, ok := f.ready(); ok {
		f.store(a)
	}
}

// ready returns the form's account, or says which required setting is empty. Renaming
// an account alone does not ask for settings it never had.
func (f *accountForm) ready() (inbox.Account, bool) {
	a := f.account()
	if f.busy {
		return a, false
	}
	if label, e := f.missing(a); e != nil && f.settingsChanged(a) {
		f.say(widget.DangerImportance, f.w.u.tr.T("accounts.form.missing", map[string]any{"Label": label}), "")
		f.w.win.Canvas().Focus(e)
		return a, false
	}
	return a, true
}

// needsCheck: a new account, or changed settings. Renaming alone asks nothing of the
// network, so it saves even while the salon is offline.
func (f *accountForm) needsCheck(a inbox.Account) bool {
	return f.known && f.net.Check != nil && f.settingsChanged(a)
}

func (f *accountForm) settingsChanged(a inbox.Account) bool {
	return a.ID == 0 || !maps.Equal(a.Settings, f.acc.Settings)
}

// runCheck asks the network about the settings off the UI goroutine (it may take
// seconds), with the buttons off and the spinner on, then calls done on the UI
// goroutine — unless the window closed or the form was left meanwhile.
func (f *accountForm) runCheck(a inbox.Account, done func(error)) {
	f.setBusy(true)
	f.say(widget.MediumImportance, f.w.u.tr.T("accounts.checking"), "")
	parent, check, log := f.w.ctx, f.net.Check, f.w.u.log
	f.w.live.background(func() func() {
		ctx, cancel := context.WithTimeout(parent, checkLimit)
		defer cancel()
		err := check(ctx, a)
		if err != nil {
			log.Info("account check failed", "network", string(a.Network), "account", a.ID, "err", err)
		}
		return func() {
			if f.w.closed || f.w.form != f {
				return
			}
			f.setBusy(false)
			done(err)
		}
	})
}

// store saves the account: a new one is selected in the list (the connectors start
// receiving for it at once); a changed one keeps its pane.
func (f *accountForm) store(a inbox.Account) {
	tr, w := f.w.u.tr, f.w
	if a.ID == 0 {
		added, err := w.u.svc.AddAccount(a)
		if err != nil {
			f.fail(err)
			return
		}
		w.reload()
		w.selectAccount(added.ID)
		w.form.say(widget.SuccessImportance, tr.T("accounts.saved_new"), "")
		return
	}
	if err := w.u.svc.UpdateAccount(a); err != nil {
		f.fail(err)
		return
	}
	f.acc = a
	f.forgetSecrets()
	w.reload()
	f.say(widget.SuccessImportance, tr.T("accounts.saved"), "")
}

func (f *accountForm) fail(err error) {
	f.w.u.log.Error("save account", "err", err)
	f.say(widget.DangerImportance, f.w.u.tr.Err(err), "")
}

// forgetSecrets empties the secret inputs once saved: what was typed is not kept on
// screen, and the placeholder says a secret is saved.
func (f *accountForm) forgetSecrets() {
	for i, fl := range f.net.Fields {
		if f.known && fl.Secret {
			f.entries[i].SetText("")
			f.entries[i].SetPlaceHolder(f.w.u.tr.T("accounts.form.secret_kept"))
		}
	}
}

// changed: the result shown was about what the form said before.
func (f *accountForm) changed(string) {
	if f.busy {
		return
	}
	f.anywayRow.Hide()
	f.say(widget.MediumImportance, "", "")
}

// say shows the outcome of a check or a save in its colour, with advice under it.
func (f *accountForm) say(imp widget.Importance, text, advice string) {
	f.result.Importance = imp
	accountSetText(f.result, text)
	accountSetMuted(f.advice, advice)
	f.relayout()
}

// relayout places the form and its bar again after a result appeared or vanished.
func (f *accountForm) relayout() {
	accountRelayout(f.pane)
}

// accountRelayout lays a pane out again. Twice: a wrapped text that just appeared only
// knows its height once it has its width, which the first pass gives it.
func accountRelayout(pane *fyne.Container) {
	if pane != nil {
		pane.Refresh()
		pane.Refresh()
	}
}

func (f *accountForm) setBusy(busy bool) {
	f.busy = busy
	for _, b := range []*widget.Button{f.check, f.save, f.anyway} {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if busy {
		f.spinner.Show()
		f.spinner.Start()
	} else {
		f.spinner.Stop()
		f.spinner.Hide()
	}
	f.relayout()
}
