package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// waLink is the pane that links a WhatsApp number to SalonChat the way WhatsApp Web is
// linked: the salon's phone scans the QR code shown here, or types a code when its
// camera cannot read the screen. WhatsApp has no token to type, so this pane takes the
// place of the settings form when a WhatsApp number is connected or linked again.
type waLink struct {
	w      *accountsWindow
	acc    inbox.Account // the account being linked; ID 0 until a code is first asked for
	relink bool          // acc existed before the pane opened
	// ctx ends when the pane is left or the window closes, and every linking with it.
	ctx     context.Context
	cancel  context.CancelFunc
	stopped bool
	endRun  context.CancelFunc // ends the linking under way, if any
	run     int                // numbers the linkings: events of an earlier one are dropped
	byPhone bool               // the pane offers the phone code rather than the QR code
	phone   string             // the number the phone code is asked for
	named   string             // the title the account is saved with
	code    string             // the QR or phone code on screen
	hint    string             // advice from WhatsApp that stays until the linking ends

	title   *widget.Entry
	steps   *widget.Label
	status  *widget.Label
	mode    *widget.Button // switches between the QR code and the phone code
	area    *waCodeArea
	content *fyne.Container
	root    *waLinkView
}

// newWALink builds the pane for acc: a new number when acc.ID is 0, else acc again.
func newWALink(w *accountsWindow, acc inbox.Account) *waLink {
	tr := w.u.tr
	p := &waLink{w: w, acc: acc, relink: acc.ID != 0, named: acc.Title}
	p.ctx, p.cancel = context.WithCancel(w.ctx)
	p.title = widget.NewEntry()
	p.title.SetPlaceHolder(accountNetwork(tr, inbox.WhatsApp))
	p.title.SetText(acc.Title)
	p.steps, p.status = accountWrapped(""), accountWrapped("")
	p.status.Hide()
	p.mode = widget.NewButton("", p.onMode)
	if w.u.opts.WhatsAppLinking.Phone == nil {
		p.mode.Hide()
	}
	p.area = newWACodeArea(p)
	p.content = p.layout()
	p.root = newWALinkView(p)
	p.setMode(false)
	return p
}

// layout puts the code and the steps at the top, where the person holding the phone
// looks; the title, which can wait, comes last.
func (p *waLink) layout() *fyne.Container {
	tr := p.w.u.tr
	head := tr.T("accounts_whatsapp.title_new")
	if p.relink {
		head = tr.T("accounts_whatsapp.title_relink", map[string]any{"Title": accountTitle(tr, p.acc)})
	}
	header := accountHeader(inbox.WhatsApp, accountHeading(head), tr.T("accounts_whatsapp.sub"))
	row := container.NewBorder(nil, nil, p.area.box, nil, container.NewPadded(p.steps))
	title := accountField(tr.T("accounts.form.title"), p.title, tr.T("accounts_whatsapp.title_hint"))
	body := container.NewVBox(header, widget.NewSeparator(), row, p.status, container.NewHBox(p.mode),
		widget.NewSeparator(), title)
	cancel := widget.NewButton(tr.T("common.cancel"), p.onCancel)
	bar := container.NewPadded(container.NewHBox(layout.NewSpacer(), cancel))
	return container.NewBorder(nil, bar, nil, nil, container.NewVScroll(container.NewPadded(body)))
}

// setMode shows the steps of the QR code or of the phone code, and offers the other.
func (p *waLink) setMode(byPhone bool) {
	tr := p.w.u.tr
	p.byPhone = byPhone
	steps, other := "accounts_whatsapp.steps_qr", "accounts_whatsapp.by_phone"
	if byPhone {
		steps, other = "accounts_whatsapp.steps_phone", "accounts_whatsapp.by_qr"
	}
	p.steps.SetText(tr.T(steps))
	p.mode.SetText(tr.T(other))
	p.relayout()
}

// onMode switches between the QR code and the phone code. Only one linking runs at a
// time: two connections would fight over the same session.
func (p *waLink) onMode() {
	p.stopRun()
	p.hint = ""
	p.setMode(!p.byPhone)
	p.say(widget.MediumImportance, "")
	switch {
	case p.byPhone:
		p.area.show(p.area.phoneForm)
		p.w.win.Canvas().Focus(p.area.phone)
	case p.acc.ID == 0:
		p.area.show(p.area.start)
	default:
		p.start()
	}
}

// onGetCode asks for a phone code for the number typed.
func (p *waLink) onGetCode() {
	text := strings.TrimSpace(p.area.phone.Text)
	if inbox.NormalizePhone(text) == "" {
		p.say(widget.DangerImportance, p.w.u.tr.T("whatsapp.phone_invalid"))
		p.w.win.Canvas().Focus(p.area.phone)
		return
	}
	p.phone = text
	p.start()
}

// say shows how linking goes under the code, in its colour; "" hides the line.
func (p *waLink) say(imp widget.Importance, text string) {
	p.status.Importance = imp
	accountSetText(p.status, text)
	p.relayout()
}

// titleText is the title typed, else the network's name.
func (p *waLink) titleText() string {
	if t := strings.TrimSpace(p.title.Text); t != "" {
		return t
	}
	return accountNetwork(p.w.u.tr, inbox.WhatsApp)
}

func (p *waLink) relayout() {
	accountRelayout(p.content)
}

// waLinkView is the pane's content; it marks the right pane as a linking, so that the
// window ends the linking when the pane is replaced.
type waLinkView struct {
	widget.BaseWidget
	p *waLink
}

func newWALinkView(p *waLink) *waLinkView {
	v := &waLinkView{p: p}
	v.ExtendBaseWidget(v)
	return v
}

func (v *waLinkView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.p.content)
}
