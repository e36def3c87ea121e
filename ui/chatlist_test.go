package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"salonchat/inbox"
)

// TestChatList_Screenshot saves pictures of the list's states for a person to look at
// (see saveShot); without SALONCHAT_SHOTS it only checks that drawing them works.
func TestChatList_Screenshot(t *testing.T) {
	s := newListSalon(t)
	c := s.ui.chats
	saveShot(t, s.ui.win, "chatlist-unanswered")
	for _, r := range shownRows(c) {
		if r.broken.Visible() {
			test.MoveMouse(s.ui.win.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(r.broken).Add(fyne.NewPos(8, 8)))
		}
	}
	saveShot(t, s.ui.win, "chatlist-tooltip")
	c.setStatus(inbox.StatusOpen)
	s.app.Settings().SetTheme(theme.DarkTheme())
	saveShot(t, s.ui.win, "chatlist-open-dark")
	s.app.Settings().SetTheme(theme.LightTheme())
	test.Type(c.filters.search, "Зинаида")
	saveShot(t, s.ui.win, "chatlist-nothing-found")
	c.filters.search.SetText("")
	c.setOwner(inbox.OwnerMine)
	c.setStatus(inbox.StatusUnanswered)
	saveShot(t, s.ui.win, "chatlist-all-answered")
}

func TestChatList_FiltersAndCounts(t *testing.T) {
	s := newListSalon(t)
	c := s.ui.chats
	const (
		maria, igor, svetlana = "Иванова Мария", "Игорь Петров", "Светлана"
		petr, elena, dmitry   = "Клиент 5552", "Елена", "Дмитрий Соколов"
		ksenia                = "Клиент 5554"
	)
	cases := []struct {
		owner  inbox.OwnerFilter
		status inbox.StatusFilter
		want   []string // newest first
	}{
		{inbox.OwnerAll, inbox.StatusUnanswered, []string{ksenia, svetlana, maria}},
		{inbox.OwnerAll, inbox.StatusOpen, []string{ksenia, petr, svetlana, igor, maria}},
		{inbox.OwnerAll, inbox.StatusPostponed, []string{elena}},
		{inbox.OwnerAll, inbox.StatusClosed, []string{dmitry}},
		{inbox.OwnerMine, inbox.StatusUnanswered, nil},
		{inbox.OwnerMine, inbox.StatusOpen, []string{igor}},
		{inbox.OwnerMine, inbox.StatusPostponed, []string{elena}},
		{inbox.OwnerMine, inbox.StatusClosed, []string{dmitry}},
		{inbox.OwnerUnassigned, inbox.StatusUnanswered, []string{svetlana, maria}},
		{inbox.OwnerUnassigned, inbox.StatusOpen, []string{svetlana, maria}},
		{inbox.OwnerUnassigned, inbox.StatusPostponed, nil},
		{inbox.OwnerUnassigned, inbox.StatusClosed, nil},
	}
	for _, tc := range cases {
		test.Tap(c.filters.owners[tc.owner])
		test.Tap(c.filters.statuses[tc.status])
		name := ownerKeys[tc.owner] + "×" + statusKeys[tc.status]
		st := readList(c)
		if !slices.Equal(st.titles, tc.want) || st.total != len(tc.want) {
			t.Errorf("%s: rows %q (length %d); want %q", name, st.titles, st.total, tc.want)
		}
		if got := shownTitles(c); !slices.Equal(got, tc.want) {
			t.Errorf("%s: on screen %q; want %q", name, got, tc.want)
		}
		n := itoa(len(tc.want))
		if o, st := c.filters.owners[tc.owner], c.filters.statuses[tc.status]; o.count != n || st.count != n || !o.selected || !st.selected {
			t.Errorf("%s: tabs show %s/%s (chosen %v/%v); want %s on both, chosen", name, o.count, st.count, o.selected, st.selected, n)
		}
	}
}

func TestChatList_TabCountsOfTheOtherRow(t *testing.T) {
	s := newListSalon(t)
	c := s.ui.chats
	test.Tap(c.filters.owners[inbox.OwnerAll])
	test.Tap(c.filters.statuses[inbox.StatusOpen])
	owners := []string{c.filters.owners[0].count, c.filters.owners[1].count, c.filters.owners[2].count}
	if want := []string{"5", "1", "2"}; !slices.Equal(owners, want) {
		t.Errorf("owner tabs under Открытые show %q; want %q", owners, want)
	}
	var statuses []string
	for _, tab := range c.filters.statuses {
		statuses = append(statuses, tab.count)
	}
	if want := []string{"3", "5", "1", "1"}; !slices.Equal(statuses, want) {
		t.Errorf("status tabs under Все show %q; want %q", statuses, want)
	}
	if !c.filters.statuses[inbox.StatusUnanswered].alert || c.filters.statuses[inbox.StatusOpen].alert {
		t.Error("only a non-zero Без ответа should be drawn as an alert")
	}
}

func TestChatList_DefaultIsAllUnanswered(t *testing.T) {
	f := newFixture(t)
	f.ui.Close()
	c := f.ui.chats
	if c.owner != inbox.OwnerAll || c.status != inbox.StatusUnanswered {
		t.Fatalf("starts on %v×%v; want Все × Без ответа", c.owner, c.status)
	}
	if got := shownTitles(c); !slices.Equal(got, []string{"Иванова Мария"}) {
		t.Errorf("on screen %q; want Мария's unanswered dialog", got)
	}
	if c.emptyBox.Visible() {
		t.Error("empty state shown over a list with rows")
	}
	_, err := f.svc.Send(f.anna.ID, inbox.Outgoing{Chat: f.unanswer.Chat, Text: "Да, в субботу в 12:00 свободно"})
	must(t, err)
	c.refresh()
	if !c.emptyBox.Visible() || !strings.Contains(c.empty.Text, "получили ответ") {
		t.Errorf("empty Без ответа shows %q (visible %v); want the friendly empty state", c.empty.Text, c.emptyBox.Visible())
	}
}

func TestChatList_Search(t *testing.T) {
	s := newListSalon(t)
	c := s.ui.chats
	cases := []struct{ query, want string }{
		{"Игорь", "Игорь Петров"},
		{"петров", "Игорь Петров"},
		{"иван", "Иванова Мария"},
		{"+7 (912) 345-67-89", "Иванова Мария"},
		{"89123456789", "Иванова Мария"},
		{"912 345 67 89", "Иванова Мария"},
		{"8 916 111", "Елена"},
		{"соколов", "Дмитрий Соколов"}, // closed dialogs are found too
	}
	for _, tc := range cases {
		c.filters.search.SetText("")
		test.Type(c.filters.search, tc.query)
		if got := readList(c).titles; !slices.Equal(got, []string{tc.want}) {
			t.Errorf("search %q: rows %q; want %q", tc.query, got, tc.want)
		}
		if got := shownTitles(c); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("search %q: on screen %q; want %q", tc.query, got, tc.want)
		}
		if !c.filters.found.Visible() || c.filters.found.Text != "Найден 1 чат" {
			t.Errorf("search %q: result line %q; want «Найден 1 чат»", tc.query, c.filters.found.Text)
		}
	}
	for _, tab := range append(c.filters.owners, c.filters.statuses...) {
		if tab.selected {
			t.Errorf("tab %q is chosen while a search is shown", tab.name)
		}
	}
}

func TestChatList_SearchNothingFound(t *testing.T) {
	s := newListSalon(t)
	c := s.ui.chats
	test.Type(c.filters.search, "Зинаида")
	if st := readList(c); st.total != 0 || len(shownTitles(c)) != 0 {
		t.Errorf("rows %q; want none", st.titles)
	}
	if !c.emptyBox.Visible() || !strings.Contains(c.empty.Text, "Ничего не найдено") || !strings.Contains(c.empty.Text, "Зинаида") {
		t.Errorf("empty state %q (visible %v); want «Ничего не найдено» with the query", c.empty.Text, c.emptyBox.Visible())
	}
}

func TestChatList_ClearingSearchReturnsToTabs(t *testing.T) {
	s := newListSalon(t)
	c := s.ui.chats
	test.Tap(c.filters.statuses[inbox.StatusOpen])
	test.Type(c.filters.search, "Елена")
	if got := readList(c).titles; !slices.Equal(got, []string{"Елена"}) {
		t.Fatalf("search rows %q; want Елена", got)
	}
	if !c.filters.clear.Visible() {
		t.Fatal("no clear button while searching")
	}
	test.Tap(c.filters.clear)
	if got, want := readList(c).titles, 5; len(got) != want || c.filters.found.Visible() || c.filters.clear.Visible() {
		t.Errorf("after clearing: rows %q; want Все × Открытые's %d, no result line, no clear button", got, want)
	}
	if !c.filters.statuses[inbox.StatusOpen].selected {
		t.Error("Открытые is not chosen again after clearing the search")
	}

	test.Type(c.filters.search, "Елена")
	c.filters.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := readList(c).titles; c.filters.search.Text != "" || len(got) != 5 {
		t.Errorf("after Escape: field %q, rows %q; want it empty and Открытые's 5 rows", c.filters.search.Text, got)
	}

	test.Type(c.filters.search, "Елена")
	test.Tap(c.filters.statuses[inbox.StatusClosed])
	if c.filters.search.Text != "" || !slices.Equal(readList(c).titles, []string{"Дмитрий Соколов"}) {
		t.Errorf("tapping a tab while searching: field %q, rows %q; want the search left and Закрытые shown", c.filters.search.Text, readList(c).titles)
	}
}

func TestChatList_NewMessageAppearsOnTop(t *testing.T) {
	f := newFixture(t)
	c := f.ui.chats
	f.receive(inboxFromTelegram(f, "777", "Добрый день, можно на завтра?"))
	eventually(t, "the new dialog on top of Без ответа", func() bool {
		st := readList(c)
		return len(st.titles) == 2 && st.titles[0] == "Клиент 777" && st.counts.All.Tab(inbox.StatusUnanswered) == 2
	})
	c.mu.Lock()
	defer c.mu.Unlock()
	if got := shownTitles(c); len(got) != 2 || got[0] != "Клиент 777" {
		t.Errorf("on screen %q; want the new dialog first", got)
	}
	if got := c.filters.statuses[inbox.StatusUnanswered].count; got != "2" {
		t.Errorf("Без ответа shows %s; want 2", got)
	}
}

func TestChatList_ClosedElsewhereLeavesUnanswered(t *testing.T) {
	f := newFixture(t)
	c := f.ui.chats
	must(t, f.svc.CloseDialog(f.olga.ID, f.unanswer.Dialog))
	eventually(t, "Мария out of Без ответа", func() bool {
		st := readList(c)
		return len(st.titles) == 0 && st.counts.All.Tab(inbox.StatusUnanswered) == 0
	})
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(shownTitles(c)) != 0 || !c.emptyBox.Visible() {
		t.Error("the closed dialog is still on screen, or the empty state is missing")
	}
}

func TestChatList_SwitchOperatorChangesMine(t *testing.T) {
	s := newListSalon(t)
	c := s.ui.chats
	test.Tap(c.filters.owners[inbox.OwnerMine])
	test.Tap(c.filters.statuses[inbox.StatusOpen])
	if got := readList(c).titles; !slices.Equal(got, []string{"Игорь Петров"}) {
		t.Fatalf("Анна's open dialogs %q; want Игорь", got)
	}
	s.ui.setOperator(s.olga)
	if got, want := readList(c).titles, []string{"Клиент 5554", "Клиент 5552"}; !slices.Equal(got, want) {
		t.Errorf("Ольга's open dialogs %q; want %q", got, want)
	}
	if got := c.filters.owners[inbox.OwnerMine].count; got != "2" {
		t.Errorf("Мои shows %s for Ольга; want 2", got)
	}
	if got := c.filters.statuses[inbox.StatusUnanswered].count; got != "1" {
		t.Errorf("Мои × Без ответа shows %s for Ольга; want 1 (Ксения)", got)
	}
}

func TestChatList_TapOpensDialog(t *testing.T) {
	s := newListSalon(t)
	c := s.ui.chats
	rows := shownRows(c)
	if len(rows) < 2 {
		t.Fatalf("%d rows on screen; want 3", len(rows))
	}
	second := rows[1]
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(second).Add(fyne.NewPos(40, 10))
	test.TapCanvas(s.ui.win.Canvas(), pos)
	if got := s.ui.dialog.current(); got != s.svetlana.Dialog {
		t.Fatalf("tapping Светлана opened dialog %d; want %d", got, s.svetlana.Dialog)
	}
	for _, r := range shownRows(c) {
		if r.v.selected != (r.v.title == "Светлана") {
			t.Errorf("row %q highlighted = %v", r.v.title, r.v.selected)
		}
	}
	row, err := s.svc.Row(s.svetlana.Dialog)
	must(t, err)
	if row.Dialog.Unread != 0 {
		t.Errorf("opened dialog still has %d unread", row.Dialog.Unread)
	}
}

func TestChatList_RowShowsState(t *testing.T) {
	s := newListSalon(t)
	c := s.ui.chats
	s.clock.Advance(2 * time.Hour)
	c.refresh()
	byTitle := map[string]rowView{}
	for _, r := range shownRows(c) {
		byTitle[r.v.title] = r.v
	}
	sv := byTitle["Светлана"]
	if sv.waiting != "ждёт 2 ч" || sv.tone != toneError || sv.unread != 1 || sv.icon == nil {
		t.Errorf("Светлана's row %+v; want «ждёт 2 ч» in the alarm colour, 1 unread, an icon", sv)
	}
	if !strings.Contains(sv.broken, "Лотос ВКонтакте") || !strings.Contains(sv.broken, "ключ доступа") {
		t.Errorf("Светлана's «!» says %q; want the account and the reason", sv.broken)
	}
	if m := byTitle["Иванова Мария"]; m.broken != "" || m.when != localTime(t0.Add(time.Minute)).Format("15:04") {
		t.Errorf("Мария's row %+v; want no «!» and the time of her message", m)
	}
	test.Tap(c.filters.statuses[inbox.StatusOpen])
	for _, r := range shownRows(c) {
		if r.v.title == "Игорь Петров" && (r.v.you != "Вы: " || r.v.waiting != "") {
			t.Errorf("Игорь's row %+v; want «Вы: » before the salon's answer and no wait", r.v)
		}
	}
	test.Tap(c.filters.statuses[inbox.StatusPostponed])
	row, err := s.svc.Row(s.elena.Dialog)
	must(t, err)
	want := "до " + localTime(row.Dialog.PostponedUntil).Format("02.01 15:04")
	if rows := shownRows(c); len(rows) != 1 || rows[0].v.waiting != want || rows[0].v.tone != toneMuted {
		t.Errorf("Отложенные shows %d rows, the first noting %q; want Елена %q", len(rows), rows[0].v.waiting, want)
	}
}

func TestChatList_BrokenBadgeExplainsOnHover(t *testing.T) {
	s := newListSalon(t)
	c := s.ui.chats
	var badge *brokenBadge
	for _, r := range shownRows(c) {
		if r.v.title == "Светлана" {
			badge = r.broken
		}
	}
	if badge == nil || !badge.Visible() {
		t.Fatal("no «!» on Светлана's row")
	}
	d := fyne.CurrentApp().Driver()
	test.MoveMouse(s.ui.win.Canvas(), d.AbsolutePositionForObject(badge).Add(fyne.NewPos(8, 8)))
	if !c.tip.box.Visible() || !strings.Contains(c.tip.text.Text, "Лотос ВКонтакте") {
		t.Fatalf("hovering «!» shows %q (visible %v); want the reason", c.tip.text.Text, c.tip.box.Visible())
	}
	test.MoveMouse(s.ui.win.Canvas(), fyne.NewPos(1000, 600))
	if c.tip.box.Visible() {
		t.Error("the tooltip stays after the pointer left")
	}
}
