package ui

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/connectors/whatsapp"
	"salonchat/i18n"
	"salonchat/inbox"
)

// linksWhatsApp: an account of network n is linked in the window (WhatsApp, when this
// SalonChat was given the linking), not set up with a form.
func (w *accountsWindow) linksWhatsApp(n inbox.Network) bool {
	return n == inbox.WhatsApp && w.u.opts.WhatsAppLinking.QR != nil
}

// showLinkWhatsApp puts the linking pane on the right: for a new number when acc.ID is
// 0 (nothing is saved until a code is asked for), else for acc, starting at once since
// the person asked for it.
func (w *accountsWindow) showLinkWhatsApp(acc inbox.Account) {
	if acc.ID == 0 {
		acc = inbox.Account{Network: inbox.WhatsApp, Title: accountNetwork(w.u.tr, inbox.WhatsApp)}
	}
	p := newWALink(w, acc)
	w.leave()
	w.setRight(p.root, nil)
	if acc.ID != 0 {
		p.start()
	}
}

// stopLinking ends the linking whose pane is on the right, as that pane is replaced.
func (w *accountsWindow) stopLinking() {
	for _, o := range w.right.Objects {
		if v, ok := o.(*waLinkView); ok {
			v.p.stop()
		}
	}
}

// addRelink adds "Привязать заново" to a WhatsApp account's pane, under its state and
// what went wrong: a number unlinked on the phone is fixed by linking it again.
func (w *accountsWindow) addRelink(d *accountDetail) {
	if !w.linksWhatsApp(d.acc.Network) {
		return
	}
	tr, a := w.u.tr, d.acc
	label, note := "accounts_whatsapp.link", tr.T("accounts_whatsapp.unlinked_note")
	if a.Settings[whatsapp.SettingJID] != "" {
		label, note = "accounts_whatsapp.relink", waLinkedNote(tr, a)
	}
	b := widget.NewButtonWithIcon(tr.T(label), theme.ViewRefreshIcon(), func() { w.showLinkWhatsApp(d.acc) })
	if a.Settings[whatsapp.SettingJID] == "" || a.Health.Broken() {
		b.Importance = widget.HighImportance
	}
	section := container.NewVBox(container.NewHBox(b), accountCaption(note))
	if !waInsertAfter(d.content, d.tech, section) {
		w.u.log.Error("accounts window: no place for the relink button") // the tests catch it
	}
}

// waLinkedNote says which number is linked, and since when.
func waLinkedNote(tr *i18n.Translator, a inbox.Account) string {
	user, _, _ := strings.Cut(a.Settings[whatsapp.SettingJID], "@")
	user, _, _ = strings.Cut(user, ":") // the device number follows the phone
	args := map[string]any{"Phone": inbox.FormatPhone(inbox.NormalizePhone(user))}
	at, err := time.Parse(time.RFC3339, a.Settings[whatsapp.SettingLinkedAt])
	if err != nil {
		return tr.T("accounts_whatsapp.linked_note", args)
	}
	args["When"] = localTime(at).Format("02.01.2006")
	return tr.T("accounts_whatsapp.linked_note_since", args)
}

// waInsertAfter puts add right after anchor in whichever container under o holds it.
func waInsertAfter(o, anchor, add fyne.CanvasObject) bool {
	switch v := o.(type) {
	case *fyne.Container:
		for i, k := range v.Objects {
			if k == anchor {
				v.Objects = slices.Insert(v.Objects, i+1, add)
				return true
			}
			if waInsertAfter(k, anchor, add) {
				return true
			}
		}
	case *container.Scroll:
		return waInsertAfter(v.Content, anchor, add)
	}
	return false
}
