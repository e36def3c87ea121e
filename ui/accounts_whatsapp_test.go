package ui

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"go.mau.fi/whatsmeow/types/events"

	"salonchat/connectors/whatsapp"
	"salonchat/inbox"
)

func TestAccountsWhatsApp_QRCodeReplaced(t *testing.T) {
	f := newFixture(t)
	fake := &waFake{}
	w := waOpen(f, fake, 0)
	before := len(w.accounts)
	p := waNew(t, w)
	if len(w.accounts) != before || fake.count() != 0 {
		t.Fatal("opening the pane saved an account or asked WhatsApp for a code")
	}
	test.Tap(acctButton(t, w.right, "Показать QR-код"))
	c := fake.call(t, 1)
	if c.acc.ID == 0 || c.acc.Network != inbox.WhatsApp || !c.acc.Disabled || c.acc.Title != "WhatsApp" {
		t.Fatalf("linking was asked for %+v; want a saved WhatsApp account titled WhatsApp, switched off", c.acc)
	}
	if stored := f.acctAccount(c.acc.ID); !stored.Disabled {
		t.Error("the account being linked is switched on")
	}

	c.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkQR, Code: "2@first", Expires: 60 * time.Second}
	w.settle(t, "the first QR code", func() bool { return p.code == "2@first" })
	first := waPicture(t, p)
	if !bytes.Equal(first, waQR(t, "2@first")) || !p.area.qr.Visible() {
		t.Fatal("the QR widget does not show the first code")
	}
	if !acctShows(w.right, "Код действует 60 секунд") {
		t.Errorf("no hint that the code renews among %q", acctTexts(w.right))
	}

	c.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkQR, Code: "2@second", Expires: 20 * time.Second}
	w.settle(t, "the second QR code", func() bool { return p.code == "2@second" })
	second := waPicture(t, p)
	if bytes.Equal(first, second) || !bytes.Equal(second, waQR(t, "2@second")) {
		t.Error("the QR widget was not replaced by the second code")
	}
	if !acctShows(w.right, "Код действует 20 секунд") {
		t.Errorf("the hint still speaks of the first code: %q", acctTexts(w.right))
	}
}

func TestAccountsWhatsApp_PhoneCode(t *testing.T) {
	f := newFixture(t)
	fake := &waFake{}
	w := waOpen(f, fake, 0)
	p := waNew(t, w)
	test.Tap(acctButton(t, w.right, "Привязать по номеру телефона"))
	if !p.area.phoneForm.Visible() || !acctShows(w.right, "Привязать по номеру телефона» и введите код") {
		t.Fatalf("no phone number form or steps: %q", acctTexts(w.right))
	}
	test.Type(p.area.phone, "12")
	test.Tap(acctButton(t, w.right, "Получить код"))
	if fake.count() != 0 || !acctShows(w.right, f.ui.tr.T("whatsapp.phone_invalid")) {
		t.Fatalf("a wrong number was not refused: %d calls, texts %q", fake.count(), acctTexts(w.right))
	}

	p.area.phone.SetText("8 912 345-67-89")
	test.Tap(acctButton(t, w.right, "Получить код"))
	c := fake.call(t, 1)
	if c.phone != "8 912 345-67-89" || c.acc.ID == 0 {
		t.Fatalf("LinkByPhone asked for %q, account %d", c.phone, c.acc.ID)
	}
	c.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkPhoneCode, Code: "ABCD-EFGH"}
	w.settle(t, "the phone code", func() bool { return p.area.codeBox.Visible() })
	if p.area.codeText.Text != "ABCD-EFGH" || p.area.qr.Visible() {
		t.Errorf("the pane shows code %q (QR visible %v); want ABCD-EFGH alone", p.area.codeText.Text, p.area.qr.Visible())
	}
}

func TestAccountsWhatsApp_SuccessEnablesAccount(t *testing.T) {
	f := newFixture(t)
	fake := &waFake{}
	w := waOpen(f, fake, 0)
	_, c := waStart(t, w, fake, "2@code")
	const jid = "79123456789:12@s.whatsapp.net"
	c.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkSuccess, JID: jid, Phone: "+79123456789", Name: "Лотос", At: t0}
	w.settle(t, "the linked account's pane", func() bool { return w.selected == c.acc.ID })

	a := f.acctAccount(c.acc.ID)
	if a.Disabled || a.Settings[whatsapp.SettingJID] != jid || a.Title != "+7 912 345-67-89" {
		t.Fatalf("stored %+v; want it on, with the jid, titled with the number", a)
	}
	row := acctRow(t, w, "+7 912 345-67-89")
	if row.title.Importance == widget.LowImportance {
		t.Error("the linked account is greyed in the list")
	}
	want := "Номер +7 912 345-67-89 («Лотос») привязан"
	if !strings.Contains(w.form.result.Text, want) || w.form.result.Importance != widget.SuccessImportance {
		t.Errorf("the pane says %q; want %q in green", w.form.result.Text, want)
	}
	if c.ctx.Err() == nil {
		t.Error("the linking goes on after the pane was left")
	}
	if !acctShows(w.right, "Привязать заново") || !acctShows(w.right, "привязан 20.11.2026") {
		t.Errorf("the linked account's pane does not offer linking again: %q", acctTexts(w.right))
	}
}

func TestAccountsWhatsApp_TimeoutOffersNewCode(t *testing.T) {
	f := newFixture(t)
	fake := &waFake{}
	w := waOpen(f, fake, 0)
	p, c := waStart(t, w, fake, "2@code")
	accounts := len(w.accounts)
	c.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkTimeout}
	w.settle(t, "the timeout", func() bool { return p.area.again.Visible() })
	if !acctShows(w.right, "Код устарел") || p.area.qr.Visible() {
		t.Fatalf("after the timeout the pane shows %q (QR visible %v)", acctTexts(w.right), p.area.qr.Visible())
	}
	test.Tap(acctButton(t, w.right, "Показать новый код"))
	again := fake.call(t, 2)
	if again.acc.ID != c.acc.ID || again.phone != "" {
		t.Errorf("the new code was asked for account %d, phone %q; want the same account by QR", again.acc.ID, again.phone)
	}
	if len(w.accounts) != accounts {
		t.Error("asking for a new code saved another account")
	}
	again.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkQR, Code: "2@new", Expires: 60 * time.Second}
	w.settle(t, "the new QR code", func() bool { return p.code == "2@new" && p.area.qr.Visible() })
}

func TestAccountsWhatsApp_ErrorShowsReason(t *testing.T) {
	f := newFixture(t)
	fake := &waFake{}
	w := waOpen(f, fake, 0)
	p, c := waStart(t, w, fake, "2@code")
	hint := f.ui.tr.T("whatsapp.scanned_without_multidevice")
	c.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkHint, Err: inbox.Errorf(inbox.CodeInvalid, "whatsapp.scanned_without_multidevice", nil)}
	c.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkQR, Code: "2@next", Expires: 20 * time.Second}
	w.settle(t, "the next code", func() bool { return p.code == "2@next" })
	if p.status.Text != hint || p.status.Importance != widget.WarningImportance {
		t.Errorf("the status says %q; want WhatsApp's advice %q kept over the new code", p.status.Text, hint)
	}

	c.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkError, Err: &inbox.Error{Code: inbox.CodeUnavailable, Key: "whatsapp.client_outdated"}}
	w.settle(t, "the error", func() bool { return p.area.again.Visible() })
	if want := f.ui.tr.T("whatsapp.client_outdated"); p.status.Text != want || p.status.Importance != widget.DangerImportance {
		t.Errorf("the status says %q; want %q in red", p.status.Text, want)
	}
	test.Tap(acctButton(t, w.right, "Попробовать снова"))
	if again := fake.call(t, 2); again.acc.ID != c.acc.ID {
		t.Errorf("trying again linked account %d; want %d", again.acc.ID, c.acc.ID)
	}

	fake.mu.Lock()
	fake.err = &inbox.Error{Code: inbox.CodeUnavailable, Key: "whatsapp.link_failed"}
	fake.mu.Unlock()
	test.Tap(acctButton(t, w.right, "Привязать по номеру телефона"))
	p.area.phone.SetText("+7 912 345-67-89")
	test.Tap(acctButton(t, w.right, "Получить код"))
	w.settle(t, "the refusal", func() bool { return p.status.Text == f.ui.tr.T("whatsapp.link_failed") })
}

func TestAccountsWhatsApp_CancelLeavesAccountOff(t *testing.T) {
	f := newFixture(t)
	fake := &waFake{}
	w := waOpen(f, fake, 0)
	_, c := waStart(t, w, fake, "2@code")
	test.Tap(acctButton(t, w.right, "Отмена"))
	if c.ctx.Err() == nil {
		t.Error("cancelling did not stop the linking")
	}
	if a := f.acctAccount(c.acc.ID); !a.Disabled {
		t.Error("a number never linked was switched on")
	}
	if w.selected != c.acc.ID || !strings.Contains(w.form.result.Text, "Номер пока не привязан") {
		t.Fatalf("after cancelling the window shows %q", acctTexts(w.right))
	}
	test.Tap(acctButton(t, w.right, "Привязать номер"))
	if again := fake.call(t, 2); again.acc.ID != c.acc.ID {
		t.Errorf("linking later used account %d; want %d", again.acc.ID, c.acc.ID)
	}
}

func TestAccountsWhatsApp_LeavingStopsLinking(t *testing.T) {
	f := newFixture(t)
	fake := &waFake{}
	w := waOpen(f, fake, 0)
	_, c := waStart(t, w, fake, "2@code")
	w.selectAccount(f.tg.ID)
	if c.ctx.Err() == nil {
		t.Error("choosing another account left the linking running")
	}
	_, c2 := waStart(t, w, fake, "2@again")
	w.win.Close()
	if c2.ctx.Err() == nil {
		t.Error("closing the window left the linking running")
	}
}

// TestAccountsWhatsApp_LoggedOut: unlinking on the phone (whatsmeow's LoggedOut) puts the
// "!" on the account and its chats, and the account's pane offers linking again.
func TestAccountsWhatsApp_LoggedOut(t *testing.T) {
	f := newFixture(t)
	wa := f.wa
	wa.Settings = map[string]string{whatsapp.SettingJID: "79001234567:3@s.whatsapp.net"}
	must(t, f.svc.UpdateAccount(wa))
	must(t, f.svc.SetHealth(wa.ID, inbox.Health{State: inbox.HealthOK}))
	fake := &waFake{}
	w := waOpen(f, fake, wa.ID)
	if acctRow(t, w, wa.Title).badge.Visible() {
		t.Fatal("a working number shows the \"!\"")
	}

	h, ok := whatsapp.HealthOf(&events.LoggedOut{})
	if !ok {
		t.Fatal("LoggedOut has no health")
	}
	must(t, f.svc.SetHealth(wa.ID, h))
	reason := f.ui.tr.T("whatsapp.logged_out")
	w.settle(t, "the \"!\" on the row", func() bool { return acctRow(t, w, wa.Title).badge.Visible() })
	if row := acctRow(t, w, wa.Title); !strings.Contains(row.state.Text, reason) {
		t.Errorf("the row says %q; want the logged-out reason", row.state.Text)
	}
	if !acctShows(w.right, reason) {
		t.Errorf("the pane does not explain the unlinking: %q", acctTexts(w.right))
	}
	eventually(t, "the \"!\" on Мария's chat", func() bool {
		for _, r := range shownRows(f.ui.chats) {
			if strings.Contains(r.v.title, "Мария") {
				return r.broken.Visible() && strings.Contains(r.broken.reason, reason)
			}
		}
		return false
	})

	test.Tap(acctButton(t, w.right, "Привязать заново"))
	p := waPane(t, w)
	c := fake.call(t, 1)
	if c.acc.ID != wa.ID || !p.relink {
		t.Errorf("linking again used account %d; want %d", c.acc.ID, wa.ID)
	}
	c.events <- whatsapp.LinkEvent{Kind: whatsapp.LinkSuccess, JID: "79001234567:4@s.whatsapp.net", Phone: "+79001234567", At: t0}
	w.settle(t, "the account linked again", func() bool { return w.selected == wa.ID })
	if a := f.acctAccount(wa.ID); a.Settings[whatsapp.SettingJID] != "79001234567:4@s.whatsapp.net" || a.Title != wa.Title || a.Health.Broken() {
		t.Errorf("after linking again the account is %+v", a)
	}
}

// waPicture is the QR widget's picture as PNG bytes.
func waPicture(t testing.TB, p *waLink) []byte {
	t.Helper()
	if p.area.qr.Image == nil {
		t.Fatal("the QR widget has no picture")
	}
	return waPNG(t, p.area.qr.Image)
}

// waQR is the picture of code as PNG bytes.
func waQR(t testing.TB, code string) []byte {
	t.Helper()
	img, err := whatsapp.QRImage(code, waQRPixels)
	must(t, err)
	return waPNG(t, img)
}

func waPNG(t testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	must(t, png.Encode(&b, img))
	return b.Bytes()
}
