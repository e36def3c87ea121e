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
		h.hint.SetText(h.d.healthText(h.d.account()))
	}
	h.hint.Hidden, h.status.Hidden = !in, in
	h.box.Refresh()
}

// explainHealth is the "!" badge's answer: what broke in the chat's account, what to
// do, and the way to the account's settings.
func (h *dialogHeader) explainHealth() {
	u, acc := h.d.u, h.d.account()
	content := container.NewVBox(wrappedLabel(h.d.healthText(acc)))
	if acc.Health.Detail != "" {
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
	dlg = dialog.NewCustom(u.tr.T("dialog.health.title", map[string]any{"Account": acc.Title}), u.tr.T("dialog.ok"), content, u.win)
	dlg.Resize(fyne.NewSize(480, 0))
	dlg.Show()
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
