package ui

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// listed is the name each row of the clients list shows, as the list draws it.
func listed(l *clientsList) []string {
	var out []string
	for i := 0; i < l.list.Length(); i++ {
		row := l.newRow()
		l.updateRow(i, row)
		out = append(out, row.(*fyne.Container).Objects[0].(*widget.Label).Text)
	}
	return out
}

func TestClientsListSearchesByNameAndPhone(t *testing.T) {
	f := newPanelFixture(t)
	_, err := f.svc.SaveClient(f.anna.ID, inbox.Client{Name: "Петрова Светлана", Phones: []string{"+7 903 111-22-33"}})
	must(t, err)
	l := f.ui.openClients()
	if got := listed(l); !slices.Equal(got, []string{"Иванова Мария", "Петрова Светлана"}) {
		t.Errorf("list = %v", got)
	}
	if l.total.Text != "2 клиента" {
		t.Errorf("total = %q", l.total.Text)
	}
	for _, q := range []string{"свет", "8 903 111", "+7 (903) 111-22-33"} {
		l.search.SetText("")
		test.Type(l.search, q)
		if got := listed(l); !slices.Equal(got, []string{"Петрова Светлана"}) {
			t.Errorf("search %q = %v", q, got)
		}
	}
	l.search.SetText("Иванова")
	l.list.Select(0)
	if f.ui.client.cards[mariaID(t, f)] == nil {
		t.Error("tapping a client in the list opened no card")
	}
}

func TestClientsListPagesThroughManyClients(t *testing.T) {
	f := newPanelFixture(t)
	for i := range 120 {
		_, err := f.svc.SaveClient(f.anna.ID, inbox.Client{Name: fmt.Sprintf("Клиент %03d", i)})
		must(t, err)
	}
	l := f.ui.openClients()
	if l.list.Length() != 121 || len(l.rows) != clientsPage {
		t.Fatalf("length %d with %d read; want 121 with one page read", l.list.Length(), len(l.rows))
	}
	if got := listed(l); got[120] != "Клиент 119" {
		t.Errorf("last row %q", got[120])
	}
}

func TestClientsListNewClient(t *testing.T) {
	f := newPanelFixture(t)
	l := f.ui.openClients()
	test.Tap(l.add)
	cpWindow(t, f, "Новый клиент")
	card := l.created
	e := card.edit
	test.Tap(e.save)
	if !e.errs[inbox.FieldName].Visible() {
		t.Fatal("an empty card was accepted")
	}
	e.entries[inbox.FieldSurname].SetText("Орлова")
	e.entries[inbox.FieldFirstName].SetText("Вера")
	e.phones[0].entry.SetText("8 916 555 44 33")
	test.Tap(e.save)
	if card.edit != nil || card.id == 0 || f.ui.client.cards[card.id] != card {
		t.Fatalf("the new card was not saved: id %d, edit %v", card.id, card.edit != nil)
	}
	if got := card.win.Title(); got != "Орлова Вера" {
		t.Errorf("title %q", got)
	}
	if got := listed(l); !slices.Contains(got, "Орлова Вера") {
		t.Errorf("the list did not take the new client: %v", got)
	}
}
