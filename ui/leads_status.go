package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// statusRow shows the status and a button for each other status; a new lead has none
// (it is new until saved).
func (c *leadCard) statusRow() fyne.CanvasObject {
	if c.lead.ID == 0 {
		return container.NewVBox()
	}
	tr := c.u.tr
	c.status = widget.NewLabel("")
	c.status.TextStyle.Bold = true
	c.showStatus()
	row := container.NewHBox(c.status)
	for _, s := range inbox.LeadStatuses {
		b := widget.NewButton(tr.T("leads.to."+string(s)), func() { c.setStatus(s) })
		if s == c.lead.Status {
			b.Disable()
		}
		row.Add(b)
	}
	if c.lead.Client != 0 {
		row.Add(widget.NewButton(tr.T("leads.open_client"), func() { c.u.client.openCard(c.lead.Client) }))
	}
	return row
}

func (c *leadCard) showStatus() {
	text := c.u.tr.T("leads.status_is", map[string]any{"Status": c.u.leadStatusName(c.lead.Status)})
	if c.lead.Reason != "" {
		text = c.u.tr.T("leads.rejected_because", map[string]any{"Status": c.u.leadStatusName(c.lead.Status), "Reason": c.lead.Reason})
	}
	c.status.SetText(text)
}

// setStatus moves the lead; a rejection first asks why.
func (c *leadCard) setStatus(s inbox.LeadStatus) {
	if s == inbox.LeadRejected {
		c.askReason()
		return
	}
	c.applyStatus(s, "")
}

func (c *leadCard) applyStatus(s inbox.LeadStatus, reason string) bool {
	if err := c.u.svc.SetLeadStatus(c.u.me.ID, c.lead.ID, s, reason); err != nil {
		c.showErr(c.u.tr.Err(err))
		return false
	}
	c.dlg.Hide()
	c.u.openLeadCard(c.lead.ID) // the card again, with the new status and buttons
	return true
}

// askReason asks why the client refused; without a reason the Service refuses too
// (lead.reason_required), and the prompt says so instead of closing.
func (c *leadCard) askReason() *reasonPrompt {
	tr := c.u.tr
	p := &reasonPrompt{entry: widget.NewMultiLineEntry(), errs: wrappedLabel("")}
	p.entry.SetPlaceHolder(tr.T("leads.reason_hint"))
	p.errs.Importance = widget.DangerImportance
	p.errs.Hide()
	p.dlg = dialog.NewCustomConfirm(tr.T("leads.reason_title"), tr.T("leads.to.rejected"), tr.T("common.cancel"),
		container.NewVBox(p.entry, p.errs), func(ok bool) {
			if ok {
				p.ok()
			}
		}, c.u.win)
	p.ok = func() {
		err := c.u.svc.SetLeadStatus(c.u.me.ID, c.lead.ID, inbox.LeadRejected, p.entry.Text)
		if err != nil {
			p.errs.SetText(tr.Err(err))
			p.errs.Show()
			p.dlg.Show() // the confirm dialog hides itself on OK; keep asking
			return
		}
		c.dlg.Hide()
		c.u.openLeadCard(c.lead.ID)
	}
	p.dlg.Resize(fyne.NewSize(420, 220))
	p.dlg.Show()
	c.reason = p
	return p
}

// reasonPrompt is the "Почему отказ?" question.
type reasonPrompt struct {
	entry *widget.Entry
	errs  *widget.Label
	dlg   *dialog.ConfirmDialog
	ok    func()
}
