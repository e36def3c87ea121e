package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/assets"
	"salonchat/inbox"
)

// accountDetail is the right pane for one account: how it is doing, in full (what broke
// and what to do), its settings form, and switching it off or on.
type accountDetail struct {
	w       *accountsWindow
	acc     inbox.Account
	title   *widget.Label
	state   *widget.Label
	reason  *widget.Label
	tech    *widget.RichText // Detail: technical words for whoever maintains the computer
	toggle  *widget.Button
	form    *accountForm
	biz     *businessSection // a Telegram account's business connections; nil otherwise
	content *fyne.Container
}

func newAccountDetail(w *accountsWindow, a inbox.Account) *accountDetail {
	d := &accountDetail{w: w, acc: a, title: accountHeading(""), state: widget.NewLabel(""),
		reason: accountWrapped(""), tech: accountCaption("")}
	d.state.TextStyle.Bold = true
	d.toggle = widget.NewButton("", d.askToggle)
	net, known := w.u.opts.Networks[a.Network]
	d.form = newAccountForm(w, a, net, known)
	body := container.NewVBox(d.header(), d.state, d.reason, d.tech)
	if note := accountNote(w.u, a.Network); note != nil {
		body.Add(note)
	}
	if a.Network == inbox.Telegram {
		d.biz = newBusinessSection(w, a)
		body.Add(widget.NewSeparator())
		body.Add(d.biz.box)
	}
	body.Add(widget.NewSeparator())
	body.Add(d.form.fields())
	body.Add(widget.NewSeparator())
	body.Add(d.toggleSection())
	d.content = container.NewBorder(nil, d.form.actions(), nil, nil, container.NewVScroll(container.NewPadded(body)))
	d.form.pane = d.content
	d.setAccount(a)
	return d
}

func (d *accountDetail) view() fyne.CanvasObject { return d.content }

// header is the account's icon, title and network.
func (d *accountDetail) header() fyne.CanvasObject {
	return accountHeader(d.acc.Network, d.title, accountNetwork(d.w.u.tr, d.acc.Network))
}

// setAccount shows the account's current state; the form keeps what is typed in it.
func (d *accountDetail) setAccount(a inbox.Account) {
	tr := d.w.u.tr
	d.acc = a
	d.form.acc.Disabled = a.Disabled
	d.title.SetText(accountTitle(tr, a))
	st := accountStateOf(tr, a, d.w.u.svc.Now())
	word := st.word
	if st.since != "" {
		word += " " + st.since
	}
	if a.Health.Broken() && !a.Disabled {
		word = "! " + word
	}
	d.state.Importance = st.importance
	if a.Disabled {
		d.state.Importance = widget.MediumImportance // greyed in the list, read here
	}
	d.state.SetText(tr.T("accounts.state_line", map[string]any{"State": word}))
	accountSetText(d.reason, st.reason)
	tech := ""
	if a.Health.Detail != "" && !a.Disabled && a.Health.State != inbox.HealthOK {
		tech = tr.T("accounts.detail", map[string]any{"Detail": a.Health.Detail})
	}
	accountSetMuted(d.tech, tech)
	if d.biz != nil {
		d.biz.set(d.w.conns[a.ID])
	}
	d.toggle.SetText(tr.T("accounts.disable"))
	d.toggle.SetIcon(theme.MediaPauseIcon())
	d.toggle.Importance = widget.MediumImportance
	if a.Disabled {
		d.toggle.SetText(tr.T("accounts.enable"))
		d.toggle.SetIcon(theme.MediaPlayIcon())
		d.toggle.Importance = widget.HighImportance
	}
	d.toggle.Refresh()
	d.relayout()
}

// relayout places the pane's parts again after texts appeared, vanished or grew.
func (d *accountDetail) relayout() {
	accountRelayout(d.content)
}

// toggleSection switches the account off or on. Accounts are never deleted: their
// chats and history stay, and the line under the button says so.
func (d *accountDetail) toggleSection() fyne.CanvasObject {
	return container.NewVBox(container.NewHBox(d.toggle), accountCaption(d.w.u.tr.T("accounts.disable_hint")))
}

// askToggle confirms switching the account off or on, then does it.
func (d *accountDetail) askToggle() {
	tr, a := d.w.u.tr, d.acc
	which := "accounts.disable_confirm"
	if a.Disabled {
		which = "accounts.enable_confirm"
	}
	args := map[string]any{"Title": accountTitle(tr, a)}
	ok := tr.T("accounts.disable")
	if a.Disabled {
		ok = tr.T("accounts.enable")
	}
	text := accountWrapped(tr.T(which+".text", args))
	dlg := dialog.NewCustomConfirm(tr.T(which+".title", args), ok, tr.T("common.cancel"), text, func(yes bool) {
		if yes {
			d.toggleNow()
		}
	}, d.w.win)
	dlg.Resize(fyne.NewSize(440, 0))
	dlg.Show()
}

func (d *accountDetail) toggleNow() {
	a := d.acc
	a.Disabled = !a.Disabled
	if err := d.w.u.svc.UpdateAccount(a); err != nil {
		d.w.showError(err)
		return
	}
	d.w.reload()
}

// accountHeader is a network's icon beside a title and a line under it.
func accountHeader(n inbox.Network, title *widget.Label, sub string) fyne.CanvasObject {
	icon := canvas.NewImageFromResource(assets.ChannelIcon(string(n)))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(44))
	line := accountMuted(sub, theme.SizeNameText)
	line.Truncation = fyne.TextTruncateEllipsis
	tight := container.New(accountTightVBox(), title, line)
	return container.NewBorder(nil, nil, container.NewCenter(icon), nil, tight)
}

// accountHeading is a title in the sub-heading size.
func accountHeading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// accountSetText sets a label's text and hides it when there is none, so that an empty
// line takes no room.
func accountSetText(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// accountTightVBox stacks a title and the line under it without the gap two labels
// would leave between them.
func accountTightVBox() fyne.Layout { return layout.NewCustomPaddedVBoxLayout(-2 * theme.Padding()) }
