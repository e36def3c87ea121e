package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"salonchat/inbox"
)

func TestClientPanel_EmptyUntilDialogOpens(t *testing.T) {
	f := newPanelFixture(t)
	cpWantText(t, f.ui.client.view(), "Откройте диалог слева")
	if f.ui.client.name != nil || f.ui.client.more != nil {
		t.Error("the empty panel shows a client's name or menu")
	}
}

func TestClientPanel_ShowsClient(t *testing.T) {
	f := newPanelFixture(t)
	f.ui.openDialog(f.unanswer.Dialog)
	p := f.ui.client
	if p.name == nil || p.name.Text != "Иванова Мария" {
		t.Fatalf("name link = %v; want Иванова Мария", p.name)
	}
	cpWantText(t, p.view(),
		"Контакты", "+7 912 345-67-89", "WhatsApp",
		"Визиты (1)", "Ближайший визит", "записан", "Маникюр с покрытием", "Ольга · 1\u00a0800\u00a0₽",
		"Задачи (0)", "Заявки (0)",
		"Диалоги (1)", "Здравствуйте! Можно записаться на маникюр в субботу?")
}

func TestClientPanel_ShowsTasksLeadsAndContacts(t *testing.T) {
	f := newPanelFixture(t)
	cl := f.clientOf(f.unanswer.Chat)
	cl.Email, cl.Notes = "maria@example.ru", "Аллергия на лак с формальдегидом"
	cl.Birthday = time.Date(1990, 3, 15, 0, 0, 0, 0, time.UTC)
	_, err := f.svc.SaveClient(f.anna.ID, cl)
	must(t, err)
	_, err = f.svc.SaveTask(inbox.Task{Client: cl.ID, Text: "Перезвонить после больничного мастера", Due: t0.Add(48 * time.Hour), Operator: f.olga.ID})
	must(t, err)
	_, err = f.svc.SaveLead(inbox.Lead{Client: cl.ID, Want: "Педикюр", Status: inbox.LeadRejected, Reason: "дорого"})
	must(t, err)
	_, err = f.svc.SaveVisit(inbox.Visit{Client: cl.ID, At: t0.Add(-30 * 24 * time.Hour), Master: "Ольга", Service: "Стрижка", Price: 95050, Status: inbox.VisitNoShow})
	must(t, err)
	f.ui.openDialog(f.unanswer.Dialog)
	cpWantText(t, f.ui.client.view(),
		"maria@example.ru", "15.03.1990, 36 лет", "Аллергия на лак",
		"Визиты (2)", "не пришёл", "950,50\u00a0₽",
		"Задачи (1)", "Перезвонить после больничного мастера", "Ольга Смирнова",
		"Заявки (1)", "Педикюр", "отказ: дорого")
}

func TestClientPanel_TapDialogOpensIt(t *testing.T) {
	f := newPanelFixture(t)
	must(t, f.svc.CloseDialog(f.anna.ID, f.unanswer.Dialog))
	again := f.receive(inbox.Inbound{Account: f.wa.ID, Peer: "79123456789@s.whatsapp.net", Phone: "79123456789", Text: "А на воскресенье есть время?"})
	if again.Dialog == f.unanswer.Dialog {
		t.Fatal("a message after closing did not start a new dialog")
	}
	f.ui.openDialog(again.Dialog)
	p := f.ui.client
	cpWantText(t, p.view(), "Диалоги (2)", "закрыт", "А на воскресенье есть время?")

	test.Tap(cpTappable(t, p.view(), "Можно записаться на маникюр"))
	if got := f.ui.dialog.current(); got != f.unanswer.Dialog {
		t.Errorf("after tapping the old dialog the centre shows %d; want %d", got, f.unanswer.Dialog)
	}
}

func TestClientPanel_CreateClient(t *testing.T) {
	f := newPanelFixture(t)
	r := f.receive(inbox.Inbound{Account: f.wa.ID, Peer: "79161234567@s.whatsapp.net", Phone: "8 (916) 123-45-67", ChatName: "Светлана", Text: "Добрый вечер"})
	f.ui.openDialog(r.Dialog)
	p := f.ui.client
	cpWantText(t, p.view(), "Светлана", "Клиент не определён", "WhatsApp · +7 916 123-45-67")

	cpMenu(t, f, "Создать клиента")
	chat, err := f.svc.Chat(r.Chat)
	must(t, err)
	if chat.Client == 0 || chat.ClientName != "+7 916 123-45-67" {
		t.Fatalf("chat after Создать клиента = client %d %q; want a client named by the phone", chat.Client, chat.ClientName)
	}
	if p.name == nil || p.name.Text != "+7 916 123-45-67" {
		t.Errorf("panel name = %v; want the new client", p.name)
	}
	cpWantText(t, p.view(), "Визиты (0)", "Диалоги (1)", "Добрый вечер")
}

func TestClientPanel_AttachByNameAndPhone(t *testing.T) {
	f := newPanelFixture(t)
	_, err := f.svc.SaveClient(f.anna.ID, inbox.Client{Name: "Петрова Ольга", Phones: []string{"+7 922 000-11-22"}})
	must(t, err)
	f.ui.openDialog(f.answered.Dialog) // Игорь on Telegram: no phone, no client
	cpWantText(t, f.ui.client.view(), "Клиент не определён", "Telegram · @igor_p")

	cpMenu(t, f, "Прикрепить к клиенту")
	a := f.ui.client.attach
	if a == nil {
		t.Fatal("Прикрепить к клиенту opened no search")
	}
	for _, q := range []string{"иванова", "8 (912) 345"} {
		a.entry.SetText("")
		test.Type(a.entry, q)
		got := cpText(a.results)
		if !strings.Contains(got, "Иванова Мария") || strings.Contains(got, "Петрова") {
			t.Errorf("search %q shows:\n%s\nwant Иванова Мария only", q, got)
		}
	}
	test.Tap(cpTappable(t, a.results, "Иванова Мария"))

	chat, err := f.svc.Chat(f.answered.Chat)
	must(t, err)
	if chat.ClientName != "Иванова Мария" {
		t.Fatalf("chat's client = %q; want Иванова Мария", chat.ClientName)
	}
	cd, err := f.svc.ClientDetails(chat.Client)
	must(t, err)
	if !slices.ContainsFunc(cd.Dialogs, func(r inbox.DialogRow) bool { return r.Dialog.ID == f.answered.Dialog }) {
		t.Error("the client's dialogs do not include the attached chat's")
	}
	cpWantText(t, f.ui.client.view(), "Иванова Мария", "Диалоги (2)", "Telegram", "WhatsApp", "Мужская стрижка — 1 500 ₽")
}

func TestClientPanel_AttachFindsNobody(t *testing.T) {
	f := newPanelFixture(t)
	f.ui.openDialog(f.answered.Dialog)
	f.ui.client.askAttach()
	test.Type(f.ui.client.attach.entry, "Зинаида")
	cpWantText(t, f.ui.client.attach.results, "Никого не нашли")
}

func TestClientPanel_NameOpensCard(t *testing.T) {
	f := newPanelFixture(t)
	f.ui.openDialog(f.unanswer.Dialog)
	cpTapName(f)
	card := cpWindow(t, f, "Иванова Мария")
	cpWantText(t, card.Content(), "Фамилия", "Иванова", "Отчество", "Телефоны", "+7 912 345-67-89",
		"Визиты (1)", "Маникюр с покрытием", "Диалоги (1)")

	before := len(f.app.Driver().AllWindows())
	cpTapName(f)
	if n := len(f.app.Driver().AllWindows()); n != before {
		t.Errorf("tapping the name again made %d windows; want the open card brought forward (%d)", n, before)
	}
}

func TestClientPanel_CardFollowsChangesAndLanguage(t *testing.T) {
	f := newPanelFixture(t)
	f.ui.openDialog(f.unanswer.Dialog)
	cpTapName(f)
	cl := f.clientOf(f.unanswer.Chat)
	cl.Name = "Мария Иванова (постоянная)"
	_, err := f.svc.SaveClient(f.anna.ID, cl)
	must(t, err)
	f.ui.client.update([]inbox.Event{{Kind: inbox.EventClient, Client: cl.ID}}, false)
	card := cpWindow(t, f, "Мария Иванова (постоянная)")

	f.ui.setLanguage("en")
	cpWantText(t, card.Content(), "Surname", "Visits (1)")
	cl.Notes = "Prefers mornings"
	_, err = f.svc.SaveClient(f.anna.ID, cl)
	must(t, err)
	f.ui.client.update([]inbox.Event{{Kind: inbox.EventClient, Client: cl.ID}}, false)
	cpWantText(t, card.Content(), "Prefers mornings")
}

func TestClientPanel_UpdateReloadsOnlyForItsClient(t *testing.T) {
	f := newPanelFixture(t)
	f.ui.openDialog(f.unanswer.Dialog)
	p := f.ui.client
	shown := p.root.Objects[0]
	p.update([]inbox.Event{{Kind: inbox.EventDialog, Chat: f.answered.Chat, Dialog: f.answered.Dialog}}, false)
	if p.root.Objects[0] != shown {
		t.Error("an event about another chat rebuilt the panel")
	}

	cl := f.clientOf(f.unanswer.Chat)
	_, err := f.svc.SaveVisit(inbox.Visit{Client: cl.ID, At: t0.Add(72 * time.Hour), Master: "Ирина", Service: "Окрашивание", Price: 450000, Status: inbox.VisitBooked})
	must(t, err)
	p.update([]inbox.Event{{Kind: inbox.EventClient, Client: cl.ID}}, false)
	cpWantText(t, p.view(), "Визиты (2)", "Окрашивание", "4\u00a0500\u00a0₽")
}

func TestClientPanel_KeepsSectionsAsOperatorLeftThem(t *testing.T) {
	f := newPanelFixture(t)
	f.ui.openDialog(f.unanswer.Dialog)
	p := f.ui.client
	p.state.acc.Close(slices.Index(p.state.keys, secVisits))
	p.reload()
	if cpText(p.view()); strings.Contains(cpText(p.view()), "Маникюр с покрытием") {
		t.Error("Визиты opened again after a reload; the operator had closed it")
	}
}

// clientOf is the client a chat is linked to.
func (f *fixture) clientOf(chat inbox.ChatID) inbox.Client {
	f.t.Helper()
	c, err := f.svc.Chat(chat)
	must(f.t, err)
	cd, err := f.svc.ClientDetails(c.Client)
	must(f.t, err)
	return cd.Client
}

// cpWindow is the open window titled title.
func cpWindow(t *testing.T, f *fixture, title string) fyne.Window {
	t.Helper()
	for _, w := range f.app.Driver().AllWindows() {
		if w.Title() == title {
			return w
		}
	}
	t.Fatalf("no window titled %q", title)
	return nil
}

// cpTapName clicks the client's name where its text is: a hyperlink ignores clicks
// beside its text.
func cpTapName(f *fixture) {
	test.TapAt(f.ui.client.name, fyne.NewPos(20, f.ui.client.name.MinSize().Height/2))
}
