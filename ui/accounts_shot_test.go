package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"salonchat/inbox"
)

// TestAccounts_Screenshot writes "Внешние системы" to $SALONCHAT_SHOTS in the states an
// administrator meets: a broken bot, a failed check while connecting one, the choice of
// messenger, and the dark theme. Skipped otherwise.
func TestAccounts_Screenshot(t *testing.T) {
	f := newFixture(t)
	if testing.Short() || acctShotDir() == "" {
		t.Skip("set SALONCHAT_SHOTS to a folder to write screenshots")
	}
	vk, err := f.svc.AddAccount(inbox.Account{Network: inbox.VK, Title: "Салон «Лотос» ВКонтакте"})
	must(t, err)
	vk.Disabled = true
	must(t, f.svc.UpdateAccount(vk))
	must(t, f.svc.SetHealth(f.tg.ID, inbox.Health{State: inbox.HealthError, Reason: "health.token_invalid", Detail: "getUpdates: 401 Unauthorized"}))
	w := acctOpen(f, &acctNet{}, f.tg.ID)
	w.win.Resize(fyne.NewSize(900, 600))
	acctShot(t, w, "accounts_broken")

	test.Tap(acctButton(t, w.win.Content(), "Подключить мессенджер"))
	acctShot(t, w, "accounts_choose")
	test.Tap(acctButton(t, w.right, "Telegram"))
	test.Type(w.form.entries[0], "bad")
	test.Tap(acctButton(t, w.right, "Сохранить"))
	w.settle(t, "the check", func() bool { return !w.form.busy })
	acctShot(t, w, "accounts_add_failed")

	f.app.Settings().SetTheme(theme.DarkTheme())
	w.selectAccount(vk.ID)
	acctShot(t, w, "accounts_dark_disabled")

	f.app.Settings().SetTheme(theme.LightTheme())
	w.win.Close()
	f.ui.setLanguage("en")
	w = acctOpen(f, &acctNet{}, f.wa.ID)
	w.win.Resize(fyne.NewSize(900, 600))
	w.detail.content.Objects[0].(*container.Scroll).ScrollToBottom()
	acctShot(t, w, "accounts_en_bottom")
}
