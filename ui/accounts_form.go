package ui

import (
	"maps"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"salonchat/connectors"
	"salonchat/inbox"
)

// accountForm is an account's title and settings, built from the network's Fields,
// with "Проверить подключение" and "Сохранить". It edits acc, or connects a new account
// when acc.ID is 0.
type accountForm struct {
	w   *accountsWindow
	net connectors.Network
	// known: SalonChat can connect this network, so its settings can be changed and
	// checked; otherwise only the title can.
	known   bool
	acc     inbox.Account
	title   *widget.Entry
	entries []*widget.Entry // one per net.Fields, in order
	// The action bar (see accounts_check.go).
	check, save, anyway *widget.Button
	anywayRow           *fyne.Container
	cancel              *widget.Button // only while adding
	spinner             *widget.Activity
	result              *widget.Label
	advice              *widget.RichText
	busy                bool
	// pane is the container holding the form, laid out again when the result shows.
	pane *fyne.Container
}

func newAccountForm(w *accountsWindow, a inbox.Account, net connectors.Network, known bool) *accountForm {
	f := &accountForm{w: w, acc: a, net: net, known: known}
	f.title = widget.NewEntry()
	f.title.SetText(a.Title)
	f.title.SetPlaceHolder(w.u.tr.T("accounts.form.title_placeholder"))
	f.title.OnChanged = f.changed
	if known {
		for _, fl := range net.Fields {
			f.entries = append(f.entries, f.newEntry(fl))
		}
	}
	f.newActions()
	return f
}

// newEntry is the input of one setting. A secret is never put back on screen: the
// entry starts empty, says the saved one is kept, and replaces it only when retyped.
func (f *accountForm) newEntry(fl connectors.Field) *widget.Entry {
	e := widget.NewEntry()
	if fl.Secret {
		e = widget.NewPasswordEntry()
		if f.acc.Settings[fl.Key] != "" {
			e.SetPlaceHolder(f.w.u.tr.T("accounts.form.secret_kept"))
		}
	} else {
		e.SetText(f.acc.Settings[fl.Key])
	}
	e.OnChanged = f.changed
	return e
}

// fields lays the inputs out as a settings page: each label above its input, and the
// hint saying where to find the value under it.
func (f *accountForm) fields() fyne.CanvasObject {
	tr := f.w.u.tr
	box := container.NewVBox(accountSection(tr.T("accounts.form.section")))
	box.Add(accountField(tr.T("accounts.form.title"), f.title, tr.T("accounts.form.title_hint")))
	if !f.known {
		box.Add(accountWrapped(tr.T("accounts.network_unsupported", map[string]any{"Network": accountNetwork(tr, f.acc.Network)})))
		return box
	}
	for i, fl := range f.net.Fields {
		label := tr.T(fl.Label)
		if fl.Required {
			label = tr.T("accounts.form.required", map[string]any{"Label": label})
		}
		box.Add(accountField(label, f.entries[i], tr.T(fl.Hint)))
	}
	return box
}

// account is the account as the form describes it now. A secret left empty keeps the
// saved one; an emptied ordinary field removes its setting.
func (f *accountForm) account() inbox.Account {
	a := f.acc
	a.Title = strings.TrimSpace(f.title.Text)
	if a.Title == "" {
		a.Title = accountNetwork(f.w.u.tr, a.Network)
	}
	a.Settings = maps.Clone(f.acc.Settings)
	if a.Settings == nil {
		a.Settings = map[string]string{}
	}
	for i, fl := range f.net.Fields {
		if !f.known {
			break
		}
		v := strings.TrimSpace(f.entries[i].Text)
		switch {
		case v != "":
			a.Settings[fl.Key] = v
		case fl.Secret && a.Settings[fl.Key] != "":
		default:
			delete(a.Settings, fl.Key)
		}
	}
	return a
}

// missing returns the first required setting left empty, with its entry.
func (f *accountForm) missing(a inbox.Account) (string, *widget.Entry) {
	for i, fl := range f.net.Fields {
		if f.known && fl.Required && a.Settings[fl.Key] == "" {
			return f.w.u.tr.T(fl.Label), f.entries[i]
		}
	}
	return "", nil
}

// accountField is a label, its input and a hint under it.
func accountField(label string, input fyne.CanvasObject, hint string) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.TextStyle.Bold = true
	box := container.New(accountTightVBox(), l, input)
	if hint != "" {
		box.Add(accountCaption(hint))
	}
	return box
}

// accountSection is the title of a part of the pane.
func accountSection(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	l.Importance = widget.HighImportance
	return l
}
