package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// healthBadge is the header's "!". Fyne has no tooltips, so hovering it puts the reason
// in the header line beside it; tapping explains in full.
type healthBadge struct {
	widget.Button
	onHover func(in bool)
}

func newHealthBadge(onTap func(), onHover func(bool)) *healthBadge {
	b := &healthBadge{onHover: onHover}
	b.Text, b.OnTapped, b.Importance = "!", onTap, widget.DangerImportance
	b.ExtendBaseWidget(b)
	return b
}

func (b *healthBadge) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	b.onHover(true)
}

func (b *healthBadge) MouseOut() {
	b.Button.MouseOut()
	b.onHover(false)
}

// hoverHealth shows or hides the reason beside the badge, in place of the status.
func (h *dialogHeader) hoverHealth(in bool) {
	if in {
		h.hint.SetText(h.d.problemText())
	}
	h.hint.Hidden, h.status.Hidden = !in, in
	h.box.Refresh()
}

// explainHealth is the "!" badge's answer: what broke in the chat's account, what to
// do, and the way to the account's settings.
func (h *dialogHeader) explainHealth() {
	u, acc := h.d.u, h.d.account()
	content := container.NewVBox(wrappedLabel(h.d.problemText()))
	title := acc.Title
	if !acc.Health.Broken() {
		if conn, ok := u.connectionOf(h.d.row.Chat); ok {
			title = u.connectionName(conn)
		}
	}
	if acc.Health.Broken() && acc.Health.Detail != "" {
		detail := wrappedLabel(u.tr.T("dialog.health.detail", map[string]any{"Detail": acc.Health.Detail}))
		detail.Importance = widget.LowImportance
		detail.SizeName = theme.SizeNameCaptionText
		content.Add(detail)
	}
	var dlg dialog.Dialog
	settings := widget.NewButtonWithIcon(u.tr.T("dialog.health.open_settings"), theme.SettingsIcon(), func() {
		dlg.Hide()
		u.showAccounts(acc.ID)
	})
	settings.Importance = widget.HighImportance
	content.Add(container.NewHBox(settings))
	dlg = dialog.NewCustom(u.tr.T("dialog.health.title", map[string]any{"Account": title}), u.tr.T("dialog.ok"), content, u.win)
	dlg.Resize(fyne.NewSize(480, 0))
	dlg.Show()
}

// problemText is the reason behind the header's "!": the account's broken health (it
// stops every chat of the account), else the business connection's problem.
func (d *dialogView) problemText() string {
	if acc := d.account(); acc.Health.Broken() {
		return d.healthText(acc)
	}
	return d.u.businessProblem(d.row.Chat)
}

// accountLine is the header's line under the name: the network and the account the
// chat is with — for a chat through the salon's own account (Telegram Business), that
// account, worded so that it is not mistaken for the bot.
func (d *dialogView) accountLine() string {
	args := map[string]any{"Network": d.u.networkName(d.row.Chat.Network), "Account": d.account().Title}
	if conn, ok := d.u.connectionOf(d.row.Chat); ok {
		args["Account"] = conn.Label()
		return d.u.tr.T("business_ui.account_line", args)
	}
	return d.u.tr.T("dialog.account_line", args)
}

// healthText is what went wrong with an account, in the administrator's words. A reason
// without a text (a connector newer than the translations) reads as a general problem
// rather than as a key.
func (d *dialogView) healthText(acc inbox.Account) string {
	key := acc.Health.Reason
	if key == "" || d.u.tr.T(key) == key {
		key = "health.unknown"
	}
	return d.u.tr.T(key)
}

// wrappedLabel is a label that wraps at word boundaries.
func wrappedLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
