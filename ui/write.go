package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// writeTarget is who "Написать" writes to: a client (from the card) or a lead.
type writeTarget struct {
	Client inbox.ClientID
	Lead   inbox.LeadID
}

// writeWindow is "Написать": the choice of channel and the messenger's own composer.
// It is a modal over the main window, so that the composer's popups (😊, 📄) open where
// the administrator is looking.
type writeWindow struct {
	u      *UI
	to     writeTarget
	who    string
	opts   []inbox.ChannelOption
	byName map[string]int // radio label → option
	chosen int            // index in opts, -1 until a channel is chosen
	pick   *widget.RadioGroup
	note   *widget.Label
	d      *dialogView // a stand-in dialog that the composer writes to
	comp   *composer
	dlg    *dialog.CustomDialog
	// checked is the phone WhatsApp confirmed for a new conversation, so that the send
	// after the check does not ask again.
	checked string
}

// showWrite opens the composer that writes to a client or a lead outside the messenger,
// with the choice of channel.
func (u *UI) showWrite(to writeTarget) { u.openWrite(to) }

// openWrite is showWrite returning the window (nil when it could not open), for tests.
func (u *UI) openWrite(to writeTarget) *writeWindow {
	w := &writeWindow{u: u, to: to, chosen: -1}
	if err := w.load(); err != nil {
		u.showError(err)
		return nil
	}
	w.build()
	w.dlg.Show()
	w.choose(w.firstAvailable())
	return w
}

// load reads who is written to and the ways to write.
func (w *writeWindow) load() error {
	var err error
	if w.to.Lead != 0 {
		l, lerr := w.u.svc.Lead(w.to.Lead)
		if lerr != nil {
			return lerr
		}
		w.who = leadWho(l)
		w.opts, err = w.u.svc.LeadChannels(w.to.Lead)
		return err
	}
	cd, err := w.u.svc.ClientDetails(w.to.Client)
	if err != nil {
		return err
	}
	w.who = cd.Client.DisplayName()
	w.opts, err = w.u.svc.Channels(w.to.Client)
	return err
}

// leadWho names a lead's person: the name, else the phone.
func leadWho(l inbox.Lead) string {
	if l.Name != "" {
		return l.Name
	}
	return inbox.FormatPhone(l.Phone)
}

func (w *writeWindow) build() {
	tr := w.u.tr
	w.d = &dialogView{u: w.u, timeline: &timeline{}}
	w.comp = newComposer(w.d) // takes the window's dropped files while open
	w.comp.data = w.templateData
	w.comp.entry.onSend = w.send
	w.comp.buttons[3].(*widget.Button).OnTapped = w.send // ✈ too must start a new chat first
	w.d.body = container.NewStack(w.comp.view())
	w.note = wrappedLabel("")
	w.note.Importance = widget.MediumImportance
	who := widget.NewLabel(w.who)
	who.TextStyle.Bold = true
	who.Truncation = fyne.TextTruncateEllipsis
	top := container.NewVBox(who, widget.NewLabel(tr.T("write.channel")), w.channelList(), w.note)
	cancel := widget.NewButton(tr.T("common.cancel"), w.close)
	send := widget.NewButton(tr.T("write.send"), w.send)
	send.Importance = widget.HighImportance
	bottom := container.NewHBox(layout.NewSpacer(), cancel, send)
	body := container.NewBorder(nil, bottom, nil, nil,
		container.NewVScroll(container.NewVBox(top, w.d.body)))
	w.dlg = dialog.NewCustomWithoutButtons(tr.T("write.title", map[string]any{"Who": w.who}), body, w.u.win)
	w.dlg.Resize(fyne.NewSize(640, 560))
	w.dlg.SetOnClosed(w.restoreDrop)
}

// restoreDrop gives dropped files back to the messenger's composer.
func (w *writeWindow) restoreDrop() {
	if w.u.dialog != nil && w.u.dialog.composer != nil {
		w.u.win.SetOnDropped(w.u.dialog.composer.onDropped)
	}
}

func (w *writeWindow) close() { w.dlg.Hide() }

// templateData fills template fields for the client or the lead, not for a chat.
func (w *writeWindow) templateData() (inbox.TemplateData, error) {
	if w.to.Lead != 0 {
		return w.u.svc.TemplateDataForLead(w.u.me.ID, w.to.Lead)
	}
	return w.u.svc.TemplateDataForClient(w.u.me.ID, w.to.Client)
}
