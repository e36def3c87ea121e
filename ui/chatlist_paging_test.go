package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"salonchat/inbox"
)

// manyDialogs adds n unanswered Telegram dialogs, "Клиент p000" the oldest, and returns
// the chat list with the live loop stopped.
func manyDialogs(t *testing.T, n int) (*fixture, *chatList) {
	t.Helper()
	f := newFixture(t)
	f.ui.Close()
	for i := range n {
		f.receive(inboxFromTelegram(f, fmt.Sprintf("p%03d", i), "Добрый день"))
	}
	f.ui.chats.refresh()
	return f, f.ui.chats
}

func TestChatList_PagesAsItScrolls(t *testing.T) {
	_, c := manyDialogs(t, 130)
	if c.pages.total != 131 || len(c.pages.rows) >= c.pages.total {
		t.Fatalf("length %d with %d rows loaded; want 131 from the counters and only the first pages read", c.pages.total, len(c.pages.rows))
	}
	c.list.ScrollToBottom()
	rows := shownRows(c)
	if last := rows[len(rows)-1].v.title; last != "Иванова Мария" {
		t.Errorf("last row at the bottom is %q; want the oldest dialog, Мария's", last)
	}
	if len(c.pages.rows) != 131 {
		t.Errorf("%d rows loaded after scrolling to the end; want 131", len(c.pages.rows))
	}
}

func TestChatList_RefreshKeepsScrollAndSelection(t *testing.T) {
	f, c := manyDialogs(t, 60)
	c.list.ScrollToOffset(500)
	rows := shownRows(c)
	picked := rows[3]
	test.TapCanvas(f.ui.win.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(picked).Add(fyne.NewPos(60, 10)))
	title, offset := picked.v.title, c.list.GetScrollOffset()
	if offset == 0 || f.ui.dialog.current() == 0 {
		t.Fatalf("scroll offset %v, open dialog %d; want the list scrolled and a dialog open", offset, f.ui.dialog.current())
	}

	f.receive(inboxFromTelegram(f, "new", "Здравствуйте"))
	c.refresh()
	if got := c.list.GetScrollOffset(); got != offset {
		t.Errorf("scroll offset %v after a refresh; want %v", got, offset)
	}
	for _, r := range shownRows(c) {
		if r.v.selected != (r.v.title == title) {
			t.Errorf("row %q highlighted = %v after the rows moved; want only %q", r.v.title, r.v.selected, title)
		}
	}
}

func TestChatList_CtrlFSearchEnterOpens(t *testing.T) {
	s := newListSalon(t)
	cv := s.ui.win.Canvas()
	cv.(fyne.Shortcutable).TypedShortcut(searchShortcut)
	if cv.Focused() != s.ui.chats.filters.search {
		t.Fatalf("focus is on %v after Ctrl+F; want the search field", cv.Focused())
	}
	test.Type(cv.Focused(), "Елена")
	if got := readList(s.ui.chats).titles; len(got) != 1 || got[0] != "Елена" {
		t.Errorf("typing after Ctrl+F found %q; want Елена", got)
	}
	if s.ui.chats.status != inbox.StatusUnanswered {
		t.Error("searching changed the chosen tab")
	}
	cv.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := s.ui.dialog.current(); got != s.elena.Dialog {
		t.Errorf("Enter in the search opened dialog %d; want Елена's %d", got, s.elena.Dialog)
	}
}

func TestChatList_TabsWorkFromTheKeyboard(t *testing.T) {
	s := newListSalon(t)
	c, cv := s.ui.chats, s.ui.win.Canvas()
	cv.Focus(c.filters.search)
	cv.FocusNext()
	if cv.Focused() != c.filters.statuses[0] {
		t.Fatalf("Tab from the search goes to %v; want Без ответа", cv.Focused())
	}
	cv.FocusNext()
	test.Type(cv.Focused(), " ")
	if c.status != inbox.StatusOpen || len(readList(c).titles) != 5 {
		t.Errorf("Space on Открытые chose %v with %d rows; want Открытые's 5", c.status, len(readList(c).titles))
	}
	cv.FocusNext()
	cv.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if c.status != inbox.StatusPostponed {
		t.Errorf("Enter on Отложенные chose %v", c.status)
	}
}
