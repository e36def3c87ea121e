package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"salonchat/inbox"
)

// TestDialog_Screenshot writes the window with a busy dialog to $SALONCHAT_SHOTS, for
// looking at the centre as an administrator would (1366×768). Skipped otherwise.
func TestDialog_Screenshot(t *testing.T) {
	dir := os.Getenv("SALONCHAT_SHOTS")
	if dir == "" {
		t.Skip("set SALONCHAT_SHOTS to a folder to write screenshots")
	}
	s := newDialogSalon(t)
	s.busyChat()
	s.ui.win.Resize(fyne.NewSize(1366, 768))
	s.open(s.answered.Dialog)
	s.shot(filepath.Join(dir, "dialog.png"))
	s.d.composer.entry.SetText("{Клиент.Имя}, ждём вас {Визит.Дата}")
	s.d.composer.showEmojiPicker()
	s.shot(filepath.Join(dir, "dialog_emoji.png"))
	s.d.composer.picker.pop.Hide()
	s.d.composer.showTemplates()
	s.shot(filepath.Join(dir, "dialog_templates.png"))
	s.d.composer.tpl.pop.Hide()
	s.d.header.showPostponeForm()
	s.shot(filepath.Join(dir, "dialog_postpone.png"))
	s.d.header.form.dlg.Hide()

	must(t, s.svc.SetHealth(s.tg.ID, inbox.Health{State: inbox.HealthError, Reason: "health.token_invalid"}))
	s.pump()
	s.app.Settings().SetTheme(theme.DarkTheme())
	s.open(s.answered.Dialog)
	s.shot(filepath.Join(dir, "dialog_dark_broken.png"))

	s.app.Settings().SetTheme(theme.LightTheme())
	s.ui.setLanguage("en")
	s.d = s.ui.dialog
	s.open(s.answered.Dialog)
	s.d.header.showPostponeForm()
	s.shot(filepath.Join(dir, "dialog_en.png"))
}

// busyChat fills Игорь's Telegram chat with what a timeline must show.
func (s *dialogSalon) busyChat() {
	tg := s.answered
	in := func(text string, atts ...inbox.Attachment) inbox.ReceiveResult {
		s.t.Helper()
		r := s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551", Text: text, Attachments: atts})
		return r
	}
	s.clock.Advance(20 * time.Hour)
	in("А на завтра есть запись к Наталье? Хочу подстричься покороче, как в прошлый раз, и, может быть, ещё уложить — вечером корпоратив 🎉")
	_, err := s.svc.Send(s.olga.ID, inbox.Outgoing{Chat: tg.Chat, Text: "Да, есть окно в 15:00 и в 17:30. Какое удобнее?"})
	must(s.t, err)
	in("", inbox.Attachment{Kind: inbox.AttachFile, Name: "прайс-лист.pdf", Size: 245_000})
	in("", inbox.Attachment{Kind: inbox.AttachLocation, Lat: 56.83892, Lon: 60.60570})
	must(s.t, s.svc.Assign(s.anna.ID, tg.Dialog, s.olga.ID))
	out, err := s.svc.Send(s.olga.ID, inbox.Outgoing{Chat: tg.Chat, Text: "Записала вас на 17:30 ✂️"})
	must(s.t, err)
	_, err = s.svc.UpdateDelivery(out.ID, inbox.Delivery{State: inbox.Failed, Reason: "send.blocked"})
	must(s.t, err)
	must(s.t, s.svc.PostponeFor(s.olga.ID, tg.Dialog, inbox.PostponeDay))
}

func (s *dialogSalon) shot(path string) {
	s.t.Helper()
	f, err := os.Create(path)
	must(s.t, err)
	defer f.Close()
	must(s.t, png.Encode(f, s.ui.win.Canvas().Capture()))
}
