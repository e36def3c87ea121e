package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2/widget"

	"salonchat/connectors/whatsapp"
	"salonchat/inbox"
)

// waQRPixels is the side of the QR picture drawn: twice the square, so that it stays
// sharp on a screen scaled to 200 %.
const waQRPixels = 2 * waCodeSize

// start asks WhatsApp for a code, by QR or by phone as the pane offers now. The account
// is saved first, switched off, so that a number left half-linked never runs.
func (p *waLink) start() {
	if !p.ensureAccount() {
		return
	}
	p.stopRun()
	ctx, cancel := context.WithCancel(p.ctx)
	p.endRun = cancel
	run, acc, link, phone, byPhone := p.run, p.acc, p.w.u.opts.WhatsAppLinking, p.phone, p.byPhone
	p.code, p.hint = "", ""
	p.area.show(p.area.busy)
	p.say(widget.MediumImportance, "")
	open := func() (<-chan whatsapp.LinkEvent, error) {
		if byPhone {
			return link.Phone(ctx, acc, phone)
		}
		return link.QR(ctx, acc)
	}
	save := waSaver(p.w.u.svc, acc.ID, accountNetwork(p.w.u.tr, inbox.WhatsApp))
	p.w.live.followLink(ctx, open, save, func(ev whatsapp.LinkEvent, err error) {
		if !p.stopped && !p.w.closed && run == p.run {
			p.onEvent(ev, err)
		}
	})
}

// ensureAccount saves the new account, switched off, before its first code: its id
// names the session WhatsApp links.
func (p *waLink) ensureAccount() bool {
	if p.acc.ID != 0 {
		return true
	}
	a, err := p.w.u.svc.AddAccount(inbox.Account{Network: inbox.WhatsApp, Title: p.titleText(),
		Settings: map[string]string{}, Disabled: true})
	if err != nil {
		p.w.u.log.Error("add whatsapp account", "err", err)
		p.say(widget.DangerImportance, p.w.u.tr.Err(err))
		return false
	}
	p.acc, p.named = a, a.Title
	p.w.reload()
	return true
}

// onEvent shows one step of the linking.
func (p *waLink) onEvent(ev whatsapp.LinkEvent, saveErr error) {
	tr := p.w.u.tr
	switch ev.Kind {
	case whatsapp.LinkQR:
		p.showQR(ev)
	case whatsapp.LinkPhoneCode:
		p.code = ev.Code
		p.area.codeText.SetText(ev.Code)
		p.area.show(p.area.codeBox)
		p.sayHint(tr.T("accounts_whatsapp.phone_code_hint"))
	case whatsapp.LinkHint:
		p.hint = tr.Err(ev.Err)
		p.say(widget.WarningImportance, p.hint)
	case whatsapp.LinkSuccess:
		p.linked(ev, saveErr)
	case whatsapp.LinkTimeout:
		p.stopRun()
		p.area.showAgain(tr.T("accounts_whatsapp.new_code"))
		p.say(widget.WarningImportance, tr.T("accounts_whatsapp.expired"))
	case whatsapp.LinkError:
		p.failed(ev.Err)
	}
}

// showQR puts a new QR code in place of the last one: WhatsApp replaces them while
// nobody scans, and only the newest works.
func (p *waLink) showQR(ev whatsapp.LinkEvent) {
	img, err := whatsapp.QRImage(ev.Code, waQRPixels)
	if err != nil {
		p.failed(err)
		return
	}
	p.code = ev.Code
	p.area.qr.Image = img
	p.area.qr.Refresh()
	p.area.show(p.area.qr)
	text := p.w.u.tr.T("accounts_whatsapp.qr_renews")
	if s := int(ev.Expires / time.Second); s > 0 {
		text = p.w.u.tr.N("accounts_whatsapp.qr_lifetime", s)
	}
	p.sayHint(text)
}

// sayHint shows text under the code, unless WhatsApp's advice is there: that stays.
func (p *waLink) sayHint(text string) {
	if p.hint != "" {
		return
	}
	p.say(widget.MediumImportance, text)
}

// failed says why linking stopped and offers to start again. A number WhatsApp
// refuses goes back to the number's input.
func (p *waLink) failed(err error) {
	tr := p.w.u.tr
	p.stopRun()
	p.w.u.log.Info("whatsapp linking failed", "account", p.acc.ID, "err", err)
	if key, _ := inbox.ErrorKey(err); p.byPhone && key == "whatsapp.phone_invalid" {
		p.area.show(p.area.phoneForm)
	} else {
		p.area.showAgain(tr.T("accounts_whatsapp.retry"))
	}
	p.say(widget.DangerImportance, tr.Err(err))
}

// linked shows the account, linked and switched on (saved already, see waSaver), and
// says which number it is.
func (p *waLink) linked(ev whatsapp.LinkEvent, saveErr error) {
	if saveErr != nil {
		p.failed(saveErr)
		return
	}
	tr, w, id := p.w.u.tr, p.w, p.acc.ID
	p.keepTitle()
	args := map[string]any{"Phone": inbox.FormatPhone(inbox.NormalizePhone(ev.Phone)), "Name": ev.Name}
	text := tr.T("accounts_whatsapp.linked", args)
	if ev.Name != "" {
		text = tr.T("accounts_whatsapp.linked_named", args)
	}
	w.reload()
	w.selectAccount(id) // replaces this pane, which ends it
	if w.form != nil {
		w.form.say(widget.SuccessImportance, text, "")
	}
}

// onCancel leaves linking. A new account stays saved, switched off, and its pane says
// how to link it later; nothing was saved when no code was asked for.
func (p *waLink) onCancel() {
	w, id := p.w, p.acc.ID
	p.stop()
	if id == 0 {
		w.showHint()
		return
	}
	p.keepTitle()
	w.reload()
	w.selectAccount(id)
	i := w.index(id)
	if !p.relink && i >= 0 && w.accounts[i].Settings[whatsapp.SettingJID] == "" && w.form != nil {
		w.form.say(widget.WarningImportance, w.u.tr.T("accounts_whatsapp.later"), "")
	}
}

// keepTitle saves a title typed after the account was saved.
func (p *waLink) keepTitle() {
	title := p.titleText()
	if p.acc.ID == 0 || title == p.named {
		return
	}
	a, err := waStored(p.w.u.svc, p.acc.ID)
	if err == nil {
		a.Title = title
		err = p.w.u.svc.UpdateAccount(a)
	}
	if err != nil {
		p.w.showError(err)
		return
	}
	p.named = title
}

// stopRun ends the linking under way; its late events are dropped.
func (p *waLink) stopRun() {
	p.run++
	if p.endRun != nil {
		p.endRun()
		p.endRun = nil
	}
}

// stop ends the pane: the window replaced it or closes.
func (p *waLink) stop() {
	p.stopped = true
	p.stopRun()
	p.cancel()
}

// waSaver returns what saves a linked number, off the UI goroutine as soon as WhatsApp
// reports it: the phone lists the device already, and a window closed a moment later
// must not lose it. The account is switched on; a title left as the network's name
// becomes the number, so that two WhatsApp numbers can be told apart.
func waSaver(svc *inbox.Service, id inbox.AccountID, networkName string) func(whatsapp.LinkEvent) error {
	return func(ev whatsapp.LinkEvent) error {
		a, err := waStored(svc, id)
		if err != nil {
			return err
		}
		a = ev.Apply(a)
		a.Disabled = false
		if phone := inbox.FormatPhone(inbox.NormalizePhone(ev.Phone)); phone != "" && (a.Title == "" || a.Title == networkName) {
			a.Title = phone
		}
		return svc.UpdateAccount(a)
	}
}

// waStored is the account id as stored now.
func waStored(svc *inbox.Service, id inbox.AccountID) (inbox.Account, error) {
	as, err := svc.Accounts()
	if err != nil {
		return inbox.Account{}, err
	}
	for _, a := range as {
		if a.ID == id {
			return a, nil
		}
	}
	return inbox.Account{}, inbox.ErrNotFound
}
