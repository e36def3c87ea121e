package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// dateLayout is how the lead form reads and shows the desired date.
const dateLayout = "02.01.2006"

// leadCard is one lead: its fields to edit, the status buttons, Написать. With id 0 it
// is the "Новая заявка" form.
type leadCard struct {
	u       *UI
	lead    inbox.Lead
	client  *clientPicker
	name    *widget.Entry
	phone   *widget.Entry
	channel *widget.Select
	want    *widget.Entry
	desired *widget.Entry
	oper    *widget.Select
	ops     []inbox.Operator
	errs    *widget.Label
	status  *widget.Label
	reason  *reasonPrompt // the last refusal prompt, for tests
	dlg     *dialog.CustomDialog
}

// openLeadCard shows a lead, or the new lead form for id 0.
func (u *UI) openLeadCard(id inbox.LeadID) *leadCard {
	c := &leadCard{u: u}
	if id != 0 {
		l, err := u.svc.Lead(id)
		if err != nil {
			u.showError(err)
			return nil
		}
		c.lead = l
	}
	ops, err := u.svc.Operators()
	if err != nil {
		u.showError(err)
		return nil
	}
	c.ops = ops
	c.build()
	c.dlg.Show()
	return c
}

func (c *leadCard) build() {
	tr, l := c.u.tr, c.lead
	c.client = newClientPicker(c.u, l.Client)
	c.name = entryWith(l.Name, tr.T("leads.field.name_hint"))
	c.phone = entryWith(inbox.FormatPhone(l.Phone), tr.T("leads.field.phone_hint"))
	c.channel = widget.NewSelect(c.channelNames(), nil)
	if l.Channel != "" {
		c.channel.SetSelected(c.u.networkName(l.Channel))
	}
	c.want = entryWith(l.Want, tr.T("leads.field.want_hint"))
	c.desired = entryWith("", tr.T("leads.field.date_hint"))
	if !l.Desired.IsZero() {
		c.desired.SetText(localTime(l.Desired).Format(dateLayout))
	}
	c.oper = widget.NewSelect(c.operatorNames(), nil)
	c.oper.PlaceHolder = tr.T("leads.nobody")
	for _, o := range c.ops {
		if o.ID == l.Operator {
			c.oper.SetSelected(o.Name)
		}
	}
	c.errs = wrappedLabel("")
	c.errs.Importance = widget.DangerImportance
	c.errs.Hide()
	form := widget.NewForm(
		widget.NewFormItem(tr.T("leads.field.client"), c.client.view()),
		widget.NewFormItem(tr.T("leads.field.name"), c.name),
		widget.NewFormItem(tr.T("leads.field.phone"), c.phone),
		widget.NewFormItem(tr.T("leads.field.channel"), c.channel),
		widget.NewFormItem(tr.T("leads.field.want"), c.want),
		widget.NewFormItem(tr.T("leads.field.date"), c.desired),
		widget.NewFormItem(tr.T("leads.field.operator"), c.oper),
	)
	save := widget.NewButton(tr.T("leads.save"), c.save)
	save.Importance = widget.HighImportance
	closeB := widget.NewButton(tr.T("leads.close"), func() { c.dlg.Hide() })
	buttons := container.NewHBox(layout.NewSpacer(), closeB, save)
	top := container.NewVBox(c.statusRow(), form, c.errs)
	title := tr.T("leads.new")
	if l.ID != 0 {
		title = tr.T("leads.card_title", map[string]any{"Who": leadWho(l)})
		buttons.Objects = append([]fyne.CanvasObject{widget.NewButton(tr.T("leads.write"), c.write)}, buttons.Objects...)
	}
	body := container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(top))
	c.dlg = dialog.NewCustomWithoutButtons(title, body, c.u.win)
	c.dlg.Resize(fyne.NewSize(640, 600))
}

func entryWith(text, hint string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	e.SetPlaceHolder(hint)
	return e
}

func (c *leadCard) channelNames() []string {
	var out []string
	for _, n := range []inbox.Network{inbox.WhatsApp, inbox.Telegram, inbox.VK} {
		out = append(out, c.u.networkName(n))
	}
	return out
}

func (c *leadCard) operatorNames() []string {
	var out []string
	for _, o := range c.ops {
		if o.Active || o.ID == c.lead.Operator {
			out = append(out, o.Name)
		}
	}
	return out
}

// form reads the fields into a lead; a date that is not a date is an error of its own.
func (c *leadCard) form() (inbox.Lead, bool) {
	l := c.lead
	l.Client = c.client.chosen
	l.Name, l.Phone, l.Want = c.name.Text, c.phone.Text, c.want.Text
	l.Channel = ""
	for _, n := range []inbox.Network{inbox.WhatsApp, inbox.Telegram, inbox.VK} {
		if c.channel.Selected == c.u.networkName(n) {
			l.Channel = n
		}
	}
	l.Operator = 0
	for _, o := range c.ops {
		if o.Name == c.oper.Selected {
			l.Operator = o.ID
		}
	}
	l.Desired = time.Time{}
	if s := strings.TrimSpace(c.desired.Text); s != "" {
		d, err := time.ParseInLocation(dateLayout, s, time.Local)
		if err != nil {
			c.showErr(c.u.tr.T("leads.bad_date", map[string]any{"Date": s}))
			return l, false
		}
		l.Desired = d
	}
	return l, true
}

// save stores the lead; the Service's checks are shown under the form.
func (c *leadCard) save() {
	l, ok := c.form()
	if !ok {
		return
	}
	saved, err := c.u.svc.SaveLead(l)
	if err != nil {
		c.showErr(c.u.tr.Err(err))
		return
	}
	c.lead = saved
	c.dlg.Hide()
}

func (c *leadCard) showErr(text string) {
	c.errs.SetText(text)
	c.errs.Show()
}

// write opens "Написать" about this lead.
func (c *leadCard) write() { c.u.showWrite(writeTarget{Lead: c.lead.ID}) }
