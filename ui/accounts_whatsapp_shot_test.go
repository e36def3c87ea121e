package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"go.mau.fi/whatsmeow/types/events"

	"salonchat/connectors/whatsapp"
)

// TestAccountsWhatsApp_Screenshot writes the linking pane to $SALONCHAT_SHOTS: a real QR
// code, the phone code, a timeout, the dark theme and the pane of a number unlinked on
// the phone. Skipped otherwise.
func TestAccountsWhatsApp_Screenshot(t *testing.T) {
	f := newFixture(t)
	if testing.Short() || acctShotDir() == "" {
		t.Skip("set SALONCHAT_SHOTS to a folder to write screenshots")
	}
	fake := &waFake{}
	w := waOpen(f, fake, 0)
	w.win.Resize(fyne.NewSize(900, 600))
	p := waNew(t, w)
	acctShot(t, w, "whatsapp_start")
	test.Tap(acctButton(t, w.right, "Показать QR-код"))
	c := fake.call(t, 1)
	code := "2@Y3bQ0n8oWk1Jf3Gm0yVt+eXz3sPqLr9aHc2KdN5uTw==,kX9pR2mQ7vL4sT8wY1zB3nC6dF0gH5jK=,Zm9vYmFyYmF6cXV4,aGVsbG8gd29ybGQ="
	c.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkQR, Code: code, Expires: 60 * time.Second}
	w.settle(t, "the QR code", func() bool { return p.code == code })
	acctShot(t, w, "whatsapp_qr")

	f.app.Settings().SetTheme(theme.DarkTheme())
	acctShot(t, w, "whatsapp_qr_dark")
	f.app.Settings().SetTheme(theme.LightTheme())

	c.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkTimeout}
	w.settle(t, "the timeout", func() bool { return p.area.again.Visible() })
	acctShot(t, w, "whatsapp_timeout")

	test.Tap(acctButton(t, w.right, "Привязать по номеру телефона"))
	p.area.phone.SetText("+7 912 345-67-89")
	test.Tap(acctButton(t, w.right, "Получить код"))
	c = fake.call(t, 2)
	c.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkPhoneCode, Code: "ABCD-EFGH"}
	w.settle(t, "the phone code", func() bool { return p.area.codeBox.Visible() })
	acctShot(t, w, "whatsapp_phone_code")

	h, _ := whatsapp.HealthOf(&events.LoggedOut{})
	must(t, f.svc.SetHealth(f.wa.ID, h))
	w.selectAccount(f.wa.ID)
	w.settle(t, "the broken account", func() bool { return acctShows(w.right, "Привязать номер") })
	acctShot(t, w, "whatsapp_logged_out")
	test.Tap(acctButton(t, w.right, "Привязать номер"))
	acctShot(t, w, "whatsapp_relink_waiting")
}

// TestAccountsWhatsApp_TranslationsCoverKeys: every key the linking pane uses has its
// Russian and English text.
func TestAccountsWhatsApp_TranslationsCoverKeys(t *testing.T) {
	keys := map[string]bool{}
	re := regexp.MustCompile(`(?:T|N)\("([a-z_.]+[a-z_])"`)
	files, err := filepath.Glob("accounts_whatsapp*.go")
	must(t, err)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		must(t, err)
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			keys[m[1]] = true
		}
		for _, m := range regexp.MustCompile(`"(accounts_whatsapp\.[a-z_.]+)"`).FindAllStringSubmatch(string(src), -1) {
			keys[m[1]] = true
		}
	}
	requireTranslated(t, keys, 25)
}
