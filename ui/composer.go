package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// composer is the bottom of the centre: 📎 attach, 😊 emoji, 📄 templates, the text and
// ✈ send. Enter sends, Shift+Enter starts a new line. Each chat keeps its own draft.
type composer struct {
	d       *dialogView
	entry   *sendEntry
	blocked *widget.Label // why sending is impossible (broken account)
	warn    *widget.Label // template fields that cannot be filled, refused sends
	warnRow *fyne.Container
	fill    *widget.Button
	chips   *fyne.Container
	buttons []fyne.Disableable
	files   []pendingFile
	drafts  map[inbox.ChatID]draft
	tplData *inbox.TemplateData
	emoji   emojiCatalog
	picker  *emojiPicker
	tpl     *templatePicker
	box     *fyne.Container
	// data, when set, is where template fields come from instead of the chat shown:
	// the "Написать" window writes to a client or a lead before there is a chat.
	data func() (inbox.TemplateData, error)
}

// draft is what an operator left unsent in a chat.
type draft struct {
	text  string
	files []pendingFile
}

func newComposer(d *dialogView) *composer {
	tr := d.u.tr
	c := &composer{d: d, drafts: map[inbox.ChatID]draft{}}
	c.entry = newSendEntry(c.send)
	c.entry.OnChanged = c.checkFields
	c.entry.SetPlaceHolder(tr.T("composer.placeholder"))
	c.blocked = wrappedLabel("")
	c.blocked.Importance = widget.DangerImportance
	c.blocked.Hide()
	c.warn = wrappedLabel("")
	c.warn.Importance = widget.WarningImportance
	c.warn.Hide()
	c.fill = widget.NewButton(tr.T("composer.fields.fill"), c.fillFields)
	c.fill.Importance = widget.LowImportance
	c.fill.Hide()
	c.chips = container.NewVBox()
	attach := widget.NewButtonWithIcon("", theme.MailAttachmentIcon(), c.pickFile)
	smile := widget.NewButton("😊", c.showEmojiPicker)
	tpl := widget.NewButtonWithIcon("", theme.DocumentIcon(), c.showTemplates)
	send := widget.NewButtonWithIcon("", theme.MailSendIcon(), c.send)
	send.Importance = widget.HighImportance
	c.buttons = []fyne.Disableable{attach, smile, tpl, send, c.entry}
	tools := container.NewVBox(layout.NewSpacer(), container.NewHBox(attach, smile, tpl))
	input := container.NewBorder(nil, nil, tools, container.NewVBox(layout.NewSpacer(), send), c.entry)
	c.warnRow = container.NewBorder(nil, nil, nil, c.fill, c.warn)
	c.warnRow.Hide()
	c.box = container.New(&columnLayout{}, widget.NewSeparator(), c.blocked, c.warnRow, c.chips, input)
	d.u.win.SetOnDropped(c.onDropped) // files dropped anywhere on the window go to the open dialog
	return c
}

func (c *composer) view() fyne.CanvasObject { return c.box }

// chatChanged keeps the draft of the chat left (prev) and brings back the new chat's.
func (c *composer) chatChanged(prev inbox.ChatID) {
	cur := c.d.row.Chat.ID
	if prev == cur {
		c.refreshState()
		return
	}
	if prev != 0 && (c.entry.Text != "" || len(c.files) > 0) {
		c.drafts[prev] = draft{text: c.entry.Text, files: c.files}
	}
	dr := c.drafts[cur]
	delete(c.drafts, cur)
	c.tplData = nil
	c.files = dr.files
	c.entry.SetText(dr.text)
	c.refreshChips()
	c.checkFields(dr.text)
	c.refreshState()
}

// refreshState enables sending, or disables it and says why: a broken or disabled
// account cannot send, nor a business chat Telegram would refuse a reply in, and the
// administrator should learn it before typing.
func (c *composer) refreshState() {
	tr, acc := c.d.u.tr, c.d.account()
	args := map[string]any{"Account": acc.Title}
	reason := ""
	switch {
	case acc.Disabled:
		reason = tr.T("composer.blocked.disabled", args)
	case acc.Health.Broken():
		args["Reason"] = c.d.healthText(acc)
		reason = tr.T("composer.blocked.broken", args)
	default:
		reason = c.replyRefusal()
	}
	for _, b := range c.buttons {
		setEnabled(b, reason == "")
	}
	if c.blocked.Text != reason || c.blocked.Hidden != (reason == "") {
		c.blocked.SetText(reason)
		c.blocked.Hidden = reason == ""
		c.d.relayout()
	}
}

// replyRefusal is why a chat through the salon's own account (Telegram Business) cannot
// be answered now — the connection switched off or without the right to reply, or the
// reply window since the client's last message closed — or "". Only such chats are
// asked: the others cost no store read.
func (c *composer) replyRefusal() string {
	ch := c.d.row.Chat
	if ch.Via == "" || ch.ID == 0 {
		return ""
	}
	err := c.d.u.svc.CanReply(ch.ID)
	if err == nil {
		return ""
	}
	if key, _ := inbox.ErrorKey(err); key == "error.internal" {
		// Not a refusal: sending will say what is wrong, and the log has the chain.
		c.d.u.log.Error("can reply", "chat", ch.ID, "err", err)
		return ""
	}
	return c.d.u.tr.Err(err)
}

// send hands the text and attachments to the Service, which queues them; the message
// appears in the timeline when its event comes back.
func (c *composer) send() { c.trySend() }

// trySend is send that tells whether the message was queued.
func (c *composer) trySend() bool {
	u := c.d.u
	if u.me.ID == 0 {
		c.showWarning(u.tr.T("composer.no_operator"))
		return false
	}
	if c.entry.Disabled() || c.d.row.Chat.ID == 0 {
		return false
	}
	out := inbox.Outgoing{Chat: c.d.row.Chat.ID, Text: c.entry.Text, Attachments: c.attachments()}
	c.d.timeline.stick = true
	if _, err := u.svc.Send(u.me.ID, out); err != nil {
		c.d.timeline.stick = false
		c.sendFailed(err)
		return false
	}
	c.files = nil
	c.refreshChips()
	c.entry.SetText("")
	c.clearWarning()
	return true
}

// sendFailed explains a refused message right above the text; only an unexpected
// error gets the error window (and the log).
func (c *composer) sendFailed(err error) {
	if key, _ := inbox.ErrorKey(err); key == "error.internal" {
		c.d.u.showError(err)
		return
	}
	c.showWarning(c.d.u.tr.Err(err))
}

func (c *composer) showWarning(text string) {
	if c.warn.Visible() && c.warn.Text == text {
		return
	}
	c.warn.SetText(text)
	c.warn.Show()
	c.warnRow.Show()
	c.d.relayout()
}

func (c *composer) clearWarning() {
	if !c.warn.Visible() {
		return
	}
	c.warn.SetText("")
	c.warn.Hide()
	c.fill.Hide()
	c.warnRow.Hide()
	c.d.relayout()
}

// focusEntry puts the cursor back in the text after a popup.
func (c *composer) focusEntry() {
	if cv := c.d.u.win.Canvas(); cv != nil {
		cv.Focus(c.entry)
	}
}
