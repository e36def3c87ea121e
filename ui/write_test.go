package ui

import (
	"image/png"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"salonchat/inbox"
)

// overlayText is every text shown in the window's popups and dialogs.
func overlayText(u *UI) string {
	var out []string
	for _, o := range u.win.Canvas().Overlays().List() {
		out = append(out, visibleTexts(o)...)
	}
	return strings.Join(out, "\n")
}

// shoot saves the window as a PNG in /tmp for a look.
func shoot(t *testing.T, u *UI, name string) {
	u.win.Resize(fyne.NewSize(1366, 768))
	img := u.win.Canvas().Capture()
	file, err := os.Create("/tmp/" + name + ".png")
	must(t, err)
	defer file.Close()
	must(t, png.Encode(file, img))
}

func TestWriteToClientQueuesInTheirChat(t *testing.T) {
	f := newFixture(t)
	row := f.row(f.unanswer.Dialog)
	w := f.ui.openWrite(writeTarget{Client: row.Chat.Client})
	if w == nil || w.chosen < 0 || w.opts[w.chosen].Chat != row.Chat.ID {
		t.Fatalf("the WhatsApp chat of Мария should be chosen first; opts %+v", w.opts)
	}
	if !strings.Contains(overlayText(f.ui), "Иванова Мария") {
		t.Errorf("the window does not name the client:\n%s", overlayText(f.ui))
	}
	test.Type(w.comp.entry, "Мария, ждём вас завтра")
	shoot(t, f.ui, "write_client")
	test.Tap(w.comp.buttons[3].(fyne.Tappable))
	ms, err := f.svc.Messages(row.Chat.ID, 0, 100)
	must(t, err)
	last := ms[len(ms)-1]
	if last.Text != "Мария, ждём вас завтра" || last.Delivery == nil || last.Delivery.State != inbox.Queued {
		t.Fatalf("last message %+v; want the text queued", last)
	}
	if sys := ms[len(ms)-2]; sys.System == nil || sys.System.Kind != inbox.SysTaken {
		t.Errorf("no «взят в работу» before the message: %+v", sys)
	}
	if d := f.row(f.unanswer.Dialog).Dialog; d.Assignee != f.anna.ID {
		t.Errorf("dialog assigned to %d; want Анна", d.Assignee)
	}
	if txt := overlayText(f.ui); !strings.Contains(txt, "поставлено в очередь") || strings.Contains(txt, "Куда написать") {
		t.Errorf("after sending the window should close with a confirmation:\n%s", txt)
	}
}

func TestWriteUnavailableChannelShownWithReason(t *testing.T) {
	f := newFixture(t)
	cl, err := f.svc.SaveClient(f.anna.ID, inbox.Client{Name: "Светлана", Phones: []string{"+7 926 111-22-33"}})
	must(t, err)
	w := f.ui.openWrite(writeTarget{Client: cl.ID})
	txt := overlayText(f.ui)
	if !strings.Contains(txt, "Бот Telegram может написать только тому") {
		t.Errorf("the Telegram channel's reason is not shown:\n%s", txt)
	}
	for _, o := range w.pick.Options {
		if strings.Contains(o, "Telegram") {
			t.Errorf("Telegram can be chosen: %q", o)
		}
	}
	if o := w.opts[w.chosen]; o.Network != inbox.WhatsApp || o.Chat != 0 {
		t.Fatalf("chosen %+v; want a new WhatsApp conversation", o)
	}
	if !strings.Contains(txt, "Заранее проверить") {
		t.Errorf("no note that the number is not checked:\n%s", txt)
	}
	shoot(t, f.ui, "write_unavailable")
	test.Type(w.comp.entry, "Здравствуйте!")
	w.comp.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter sends
	chats, err := f.svc.ClientDetails(cl.ID)
	must(t, err)
	if len(chats.Chats) != 1 || chats.Chats[0].Network != inbox.WhatsApp {
		t.Fatalf("chats of the client %+v; want the started WhatsApp chat", chats.Chats)
	}
	ms, err := f.svc.Messages(chats.Chats[0].ID, 0, 10)
	must(t, err)
	if ms[len(ms)-1].Text != "Здравствуйте!" {
		t.Errorf("messages %+v", ms)
	}
}

func TestWriteToLeadFillsLeadFields(t *testing.T) {
	f := newFixture(t)
	l, err := f.svc.SaveLead(inbox.Lead{Name: "Дарья", Phone: "+7 926 555-44-33", Channel: inbox.WhatsApp, Want: "Стрижка"})
	must(t, err)
	w := f.ui.openWrite(writeTarget{Lead: l.ID})
	if !strings.Contains(overlayText(f.ui), "Дарья") {
		t.Errorf("the lead is not named:\n%s", overlayText(f.ui))
	}
	w.comp.entry.insert("{Клиент.Имя}, вы хотели: {Заявка.Услуга}")
	w.comp.fillFields()
	if got := w.comp.entry.Text; !strings.HasPrefix(got, "Дарья, вы хотели") || strings.Contains(got, "{Клиент") {
		t.Errorf("fields filled as %q", got)
	}
	test.Tap(w.comp.buttons[3].(fyne.Tappable))
	chat := w.opts[w.chosen].Chat
	if chat == 0 {
		t.Fatal("no chat started for the lead")
	}
	ms, err := f.svc.Messages(chat, 0, 10)
	must(t, err)
	if ms[len(ms)-1].Text != "Дарья, вы хотели: Стрижка" {
		t.Errorf("messages %+v", ms)
	}
}
