package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// mariaID is the client of the fixture's WhatsApp chat.
func mariaID(t *testing.T, f *fixture) inbox.ClientID {
	t.Helper()
	ch, err := f.svc.Chat(f.unanswer.Chat)
	must(t, err)
	return ch.Client
}

// openTestCard opens the card of id the way the clients list does.
func openTestCard(t *testing.T, f *fixture, id inbox.ClientID) *clientCard {
	t.Helper()
	f.ui.client.openCard(id)
	c := f.ui.client.cards[id]
	if c == nil {
		t.Fatalf("no card open for client %d", id)
	}
	return c
}

func cardText(c *clientCard) string { return cpText(c.scroll.Content) }

func TestCardOpensFromTheClientPanel(t *testing.T) {
	f := newPanelFixture(t)
	f.ui.openDialog(f.unanswer.Dialog)
	cpTapName(f)
	c := f.ui.client.cards[mariaID(t, f)]
	if c == nil {
		t.Fatal("tapping the client's name opened no card")
	}
	if c.win.Title() != "Иванова Мария" || !strings.Contains(cardText(c), "+7 912 345-67-89") {
		t.Errorf("card %q shows:\n%s", c.win.Title(), cardText(c))
	}
	cpTapName(f)
	if len(f.ui.client.cards) != 1 {
		t.Errorf("a second tap opened another window: %d cards", len(f.ui.client.cards))
	}
}

func TestCardBadPhoneShowsNextToItAndSavesNothing(t *testing.T) {
	f := newPanelFixture(t)
	id := mariaID(t, f)
	c := openTestCard(t, f, id)
	before, _ := f.svc.ClientHistory(id)
	test.Tap(c.editBtn)
	e := c.edit
	e.addPhone("12ab")
	e.entries[inbox.FieldEmail].SetText("maria@mail.ru")
	test.Tap(e.save)
	bad := e.phones[1]
	if !bad.err.Visible() || !strings.Contains(bad.err.String(), "12ab") {
		t.Errorf("the bad phone's row says %q (visible %v)", bad.err.String(), bad.err.Visible())
	}
	if e.phones[0].err.Visible() {
		t.Errorf("the good phone shows an error: %q", e.phones[0].err.String())
	}
	cd, _ := f.svc.ClientDetails(id)
	after, _ := f.svc.ClientHistory(id)
	if cd.Client.Email != "" || len(after) != len(before) {
		t.Errorf("saved half-way: email %q, history %d → %d", cd.Client.Email, len(before), len(after))
	}
	if c.edit == nil {
		t.Error("the card left edit mode after a failed save")
	}
}

func TestCardGoodEditSavesAndShowsInHistory(t *testing.T) {
	f := newPanelFixture(t)
	id := mariaID(t, f)
	c := openTestCard(t, f, id)
	test.Tap(c.editBtn)
	e := c.edit
	e.addPhone("8 (912) 000-11-22")
	e.setMain(e.phones[1])
	e.entries[inbox.FieldBirthday].SetText("17.05.1990")
	e.entries[inbox.FieldSource].SetText("пришла из Instagram")
	test.Tap(e.save)
	if c.edit != nil {
		t.Fatalf("still editing; errors:\n%s", cardText(c))
	}
	cd, _ := f.svc.ClientDetails(id)
	if want := []string{"79120001122", "79123456789"}; !slices.Equal(cd.Client.Phones, want) {
		t.Errorf("phones %v, want %v (the chosen main one first)", cd.Client.Phones, want)
	}
	if got := cd.Client.Birthday; !got.Equal(time.Date(1990, 5, 17, 0, 0, 0, 0, time.UTC)) || cd.Client.Source != "пришла из Instagram" {
		t.Errorf("birthday %v source %q", got, cd.Client.Source)
	}
	text := cardText(c)
	for _, want := range []string{"Анна Петрова", "Откуда пришёл: было «—», стало «пришла из Instagram»", "День рождения: было «—», стало «17.05.1990»"} {
		if !strings.Contains(text, want) {
			t.Errorf("the card's history lacks %q:\n%s", want, text)
		}
	}
}

func TestCardAddsVisit(t *testing.T) {
	f := newPanelFixture(t)
	id := mariaID(t, f)
	c := openTestCard(t, f, id)
	v := c.visitForm
	test.Tap(v.open)
	v.date.SetText("25.11.2026")
	v.at.SetText("25:00")
	v.service.SetText("Стрижка")
	v.price.SetText("1 500")
	test.Tap(v.save)
	if !v.errs["time"].Visible() {
		t.Fatal("a wrong time was accepted")
	}
	if cd, _ := f.svc.ClientDetails(id); len(cd.Visits) != 1 {
		t.Fatalf("a visit with a wrong time was saved: %d visits", len(cd.Visits))
	}
	v.at.SetText("14:30")
	test.Tap(v.save)
	cd, _ := f.svc.ClientDetails(id)
	if len(cd.Visits) != 2 {
		t.Fatalf("%d visits after adding one", len(cd.Visits))
	}
	got := cd.Visits[0]
	if got.Service != "Стрижка" || got.Price != 150000 || got.Status != inbox.VisitBooked || localTime(got.At).Hour() != 14 {
		t.Errorf("saved visit %+v", got)
	}
	if !strings.Contains(cardText(c), "Стрижка") {
		t.Errorf("the new visit is not listed:\n%s", cardText(c))
	}
}

func TestCardTogglesTaskDone(t *testing.T) {
	f := newPanelFixture(t)
	id := mariaID(t, f)
	task, err := f.svc.SaveTask(inbox.Task{Client: id, Text: "Перезвонить про окрашивание", Operator: f.anna.ID})
	must(t, err)
	c := openTestCard(t, f, id)
	var check *widget.Check
	cpVisible(c.scroll.Content, func(o fyne.CanvasObject) bool {
		if ch, ok := o.(*widget.Check); ok && check == nil {
			check = ch
		}
		return true
	})
	if check == nil {
		t.Fatalf("no done check in:\n%s", cardText(c))
	}
	test.Tap(check)
	cd, _ := f.svc.ClientDetails(id)
	if len(cd.Tasks) != 1 || cd.Tasks[0].ID != task.ID || !cd.Tasks[0].Done {
		t.Errorf("tasks after the tap: %+v", cd.Tasks)
	}
}

func TestCardAddsTask(t *testing.T) {
	f := newPanelFixture(t)
	id := mariaID(t, f)
	c := openTestCard(t, f, id)
	tf := c.taskForm
	test.Tap(tf.open)
	tf.due.SetText("31.31.2026")
	test.Tap(tf.save)
	if !tf.errs["text"].Visible() || !tf.errs["due"].Visible() {
		t.Fatal("an empty text or a wrong date was accepted")
	}
	tf.text.SetText("Напомнить о визите")
	tf.due.SetText("27.11.2026")
	test.Tap(tf.save)
	cd, _ := f.svc.ClientDetails(id)
	if len(cd.Tasks) != 1 || cd.Tasks[0].Operator != f.anna.ID || cd.Tasks[0].Due.IsZero() {
		t.Errorf("tasks %+v", cd.Tasks)
	}
}

func TestCardDetachesChat(t *testing.T) {
	f := newPanelFixture(t)
	id := mariaID(t, f)
	c := openTestCard(t, f, id)
	test.Tap(cpTappable(t, c.scroll.Content, "Открепить"))
	top := c.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(cpText(top), "Ничего не удаляется") {
		t.Fatal("no confirmation explaining that nothing is deleted")
	}
	test.Tap(cpTappable(t, top, "Открепить"))
	ch, _ := f.svc.Chat(f.unanswer.Chat)
	if ch.Client != 0 {
		t.Fatalf("the chat still belongs to client %d", ch.Client)
	}
	msgs, err := f.svc.Messages(f.unanswer.Chat, 0, 50)
	must(t, err)
	if !slices.ContainsFunc(msgs, func(m inbox.Message) bool { return m.System != nil && m.System.Kind == inbox.SysClientUnset }) {
		t.Error("no system message about the detach in the chat")
	}
	if !strings.Contains(cardText(c), "Откреплён чат") {
		t.Errorf("the history lacks the detach:\n%s", cardText(c))
	}
}

func TestCardMergesDouble(t *testing.T) {
	f := newPanelFixture(t)
	keep := mariaID(t, f)
	double, err := f.svc.SaveClient(f.anna.ID, inbox.Client{Name: "Маша Иванова", Phones: []string{"+7 912 000-00-01"}})
	must(t, err)
	must(t, f.svc.AttachChat(f.anna.ID, f.answered.Chat, double.ID))
	c := openTestCard(t, f, keep)
	test.Tap(c.mergeBtn)
	m := c.merge
	test.Type(m.search, "Маша")
	test.Tap(cpTappable(t, m.results, "Маша Иванова"))
	if m.confirm == nil || !strings.Contains(cpText(m.body), "+7 912 345-67-89") || !strings.Contains(cpText(m.body), "+7 912 000-00-01") {
		t.Fatalf("no side-by-side comparison:\n%s", cpText(m.body))
	}
	test.Tap(m.confirm)
	if ch, _ := f.svc.Chat(f.answered.Chat); ch.Client != keep {
		t.Errorf("the double's chat belongs to %d, want %d", ch.Client, keep)
	}
	if !strings.Contains(cardText(c), "Объединена с карточкой «Маша Иванова»") {
		t.Errorf("the history lacks the merge:\n%s", cardText(c))
	}
	dropped := openTestCard(t, f, double.ID)
	if !strings.Contains(cardText(dropped), "объединена с карточкой «Иванова Мария»") {
		t.Errorf("the merged card does not say where it went:\n%s", cardText(dropped))
	}
	test.Tap(cpTappable(t, dropped.scroll.Content, "Открыть карточку"))
	if f.ui.client.cards[keep] == nil {
		t.Error("the link did not open the kept card")
	}
}

func TestCardFollowsEvents(t *testing.T) {
	f := newPanelFixture(t)
	id := mariaID(t, f)
	c := openTestCard(t, f, id)
	cd, _ := f.svc.ClientDetails(id)
	cl := cd.Client
	cl.Notes = "Любит кофе без сахара"
	_, err := f.svc.SaveClient(f.olga.ID, cl)
	must(t, err)
	f.ui.client.update([]inbox.Event{{Kind: inbox.EventClient, Client: id}}, false)
	if !strings.Contains(cardText(c), "Любит кофе без сахара") || !strings.Contains(cardText(c), "Ольга Смирнова") {
		t.Errorf("the card did not follow the change:\n%s", cardText(c))
	}
}

func TestCardWriteButtonIsWired(t *testing.T) {
	f := newPanelFixture(t)
	c := openTestCard(t, f, mariaID(t, f))
	if c.writeBtn == nil || c.writeBtn.OnTapped == nil || c.writeBtn.Disabled() {
		t.Fatal("Написать is missing or dead")
	}
	test.Tap(c.writeBtn) // the composer window is another part's; this must not fail
}
