package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"salonchat/i18n"
	"salonchat/inbox"
)

// languageBody offers the interface languages; choosing one redraws the wizard in it
// at once.
func (w *wizard) languageBody() fyne.CanvasObject {
	names := make([]string, len(i18n.Languages))
	current := ""
	for i, l := range i18n.Languages {
		names[i] = w.u.tr.T("language." + l)
		if l == w.u.tr.Lang() {
			current = names[i]
		}
	}
	w.langs = widget.NewRadioGroup(names, nil)
	w.langs.Required = true
	w.langs.SetSelected(current)
	w.langs.OnChanged = func(name string) {
		for i, n := range names {
			if n == name {
				w.setLanguage(i18n.Languages[i])
			}
		}
	}
	return w.langs
}

// setLanguage switches the interface language and shows the step again in it.
func (w *wizard) setLanguage(lang string) {
	changed, err := w.u.useLanguage(lang)
	if err != nil {
		w.showError(err)
	}
	if changed {
		w.render()
	}
}

// salonBody asks for the salon's name, address and phone, which templates put into
// messages ({Салон.Название}). Enter goes to the next field, then to the next step.
func (w *wizard) salonBody() fyne.CanvasObject {
	tr := w.u.tr
	w.salonName = entryWith(w.salon.Name, tr.T("wizard.salon_name_hint"))
	w.address = entryWith(w.salon.Address, tr.T("wizard.salon_address_hint"))
	w.phone = entryWith(w.salon.Phone, tr.T("wizard.salon_phone_hint"))
	w.chain(w.salonName, w.address, w.phone)
	return widget.NewForm(
		widget.NewFormItem(tr.T("staff.salon_name"), w.salonName),
		widget.NewFormItem(tr.T("staff.salon_address"), w.address),
		widget.NewFormItem(tr.T("staff.salon_phone"), w.phone))
}

// chain makes Enter in each entry move to the next one and, in the last, on to the
// next step.
func (w *wizard) chain(entries ...*widget.Entry) {
	for i, e := range entries {
		if i == len(entries)-1 {
			e.OnSubmitted = func(string) { w.goNext() }
			continue
		}
		next := entries[i+1]
		e.OnSubmitted = func(string) { w.u.win.Canvas().Focus(next) }
	}
}

// saveSalon checks and stores the salon's details. The name is required (templates
// sign messages with it); the phone may stay empty, but one that was typed must be
// a whole number, which is then stored written the usual way.
func (w *wizard) saveSalon() error {
	sl := inbox.Salon{Name: strings.TrimSpace(w.salon.Name), Address: strings.TrimSpace(w.salon.Address),
		Phone: strings.TrimSpace(w.salon.Phone)}
	if sl.Name == "" {
		return inbox.Errorf(inbox.CodeInvalid, "wizard.salon_name_required", nil)
	}
	if sl.Phone != "" {
		n, ok := inbox.ValidPhone(sl.Phone)
		if !ok {
			return inbox.Errorf(inbox.CodeInvalid, "wizard.salon_phone_invalid", map[string]any{"Phone": sl.Phone})
		}
		sl.Phone = inbox.FormatPhone(n)
	}
	if err := w.u.svc.SetSalon(sl); err != nil {
		return err
	}
	w.salon = sl
	return nil
}

// operatorBody asks for the name of the person who will answer clients.
func (w *wizard) operatorBody() fyne.CanvasObject {
	tr := w.u.tr
	w.opE = entryWith(w.name, tr.T("operator.name_placeholder"))
	w.chain(w.opE)
	return widget.NewForm(widget.NewFormItem(tr.T("operator.name"), w.opE))
}

// saveOperator creates the first operator and makes them the one working; coming back
// to this step and changing the name renames them instead of adding a second one.
func (w *wizard) saveOperator() error {
	svc := w.u.svc
	name := strings.TrimSpace(w.name)
	if w.op.ID == 0 {
		op, err := svc.AddOperator(name)
		if err != nil {
			return err
		}
		w.op = op
	} else if name != w.op.Name {
		if err := svc.RenameOperator(w.op.ID, name); err != nil {
			return err
		}
		w.op.Name = name
	}
	w.u.setOperator(w.op)
	return nil
}

// choiceBody is the last step: connect the salon's messenger, or first look around
// the demo salon, or just start.
func (w *wizard) choiceBody() fyne.CanvasObject {
	tr := w.u.tr
	w.connect = widget.NewButton(tr.T("wizard.connect"), func() {
		w.finish()
		w.u.showAccounts(0)
	})
	w.connect.Importance = widget.HighImportance
	box := container.NewVBox(w.connect, wrappedLabel(tr.T("wizard.connect_note")))
	if w.u.opts.SwitchDemo != nil {
		w.demo = widget.NewButton(tr.T("wizard.demo"), func() {
			w.finish()
			w.u.switchDemo(true)
		})
		box.Add(w.demo)
		box.Add(wrappedLabel(tr.T("wizard.demo_note")))
	}
	w.later = widget.NewButton(tr.T("wizard.later"), w.finish)
	w.later.Importance = widget.LowImportance
	box.Add(w.later)
	return box
}
