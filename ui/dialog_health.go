package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

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
		h.showAccountSettings(acc)
	})
	settings.Importance = widget.HighImportance
	content.Add(container.NewHBox(settings))
	dlg = dialog.NewCustom(u.tr.T("dialog.health.title", map[string]any{"Account": acc.Title}), u.tr.T("dialog.ok"), content, u.win)
	dlg.Resize(fyne.NewSize(480, 0))
	dlg.Show()
}

// showAccountSettings stands in for the account settings window (a later release): it
// names the account and says what to check, rather than pretending to be settings.
func (h *dialogHeader) showAccountSettings(acc inbox.Account) {
	u := h.d.u
	args := map[string]any{"Account": acc.Title}
	text := u.tr.T("dialog.health.settings_soon", args) + "\n\n" + u.tr.T("dialog.health.check."+string(acc.Network), args)
	dlg := dialog.NewCustom(u.tr.T("dialog.health.settings_title", args), u.tr.T("dialog.ok"), wrappedLabel(text), u.win)
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
