package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"salonchat/inbox"
)

// listSalon is the fixture's salon with one dialog in every state the chat list tells
// apart, all one minute apart (newest last):
//
//	Иванова Мария  WhatsApp  unanswered, unassigned            (fixture)
//	Игорь Петров   Telegram  answered by Анна                  (fixture)
//	Светлана       VK        unanswered, unassigned; VK broken
//	Пётр           Telegram  answered by Ольга
//	Елена          WhatsApp  answered by Анна, postponed a day
//	Дмитрий Соколов Telegram  answered by Анна, closed
//	Ксения         Telegram  unanswered, assigned to Ольга
type listSalon struct {
	*fixture
	vk                                    inbox.Account
	svetlana, petr, elena, dmitry, ksenia inbox.ReceiveResult
}

// newListSalon builds listSalon with the live loop stopped: Fyne's test driver runs
// fyne.Do on the live loop's goroutine, so a running loop would touch the widgets while
// the test does. Tests of live updates use newFixture and read the list under c.mu.
func newListSalon(t *testing.T) *listSalon {
	t.Helper()
	f := newFixture(t)
	f.ui.Close()
	s := &listSalon{fixture: f}
	s.addDialogs()
	f.ui.chats.refresh()
	return s
}

func (s *listSalon) addDialogs() {
	t := s.t
	s.vk = s.account(inbox.VK, "Лотос ВКонтакте")
	must(t, s.svc.SetHealth(s.vk.ID, inbox.Health{State: inbox.HealthError, Reason: "health.token_invalid"}))
	must(t, s.ui.loadAccounts())
	s.svetlana = s.receive(inbox.Inbound{Account: s.vk.ID, Peer: "id301", ChatName: "Светлана", Text: "Добрый день! Есть окошко на стрижку сегодня?"})
	s.petr = s.receive(inboxFromTelegram(s.fixture, "5552", "Вы работаете в воскресенье?"))
	s.reply(s.olga, s.petr, "Да, с 10 до 20")
	s.elena = s.receive(inbox.Inbound{Account: s.wa.ID, Peer: "79161112233@s.whatsapp.net", Phone: "79161112233", ChatName: "Елена", Text: "Можно перенести визит?"})
	s.reply(s.anna, s.elena, "Уточню у мастера и напишу")
	must(t, s.svc.PostponeFor(s.anna.ID, s.elena.Dialog, inbox.PostponeDay))
	s.dmitry = s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5553", ChatName: "Дмитрий Соколов", Text: "Спасибо, всё понравилось!"})
	s.reply(s.anna, s.dmitry, "Рады видеть вас снова!")
	must(t, s.svc.CloseDialog(s.anna.ID, s.dmitry.Dialog))
	s.ksenia = s.receive(inboxFromTelegram(s.fixture, "5554", "Сколько стоит окрашивание?\nДлинные волосы"))
	must(t, s.svc.Assign(s.anna.ID, s.ksenia.Dialog, s.olga.ID))
}

// reply sends op's answer to a dialog one minute later.
func (s *listSalon) reply(op inbox.Operator, r inbox.ReceiveResult, text string) {
	s.clock.Advance(time.Minute)
	_, err := s.svc.Send(op.ID, inbox.Outgoing{Chat: r.Chat, Text: text})
	must(s.t, err)
}

// listState is what the chat list holds, read under its lock.
type listState struct {
	titles []string // every row, loading all pages
	total  int
	counts inbox.Counts
}

func readList(c *chatList) listState {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := listState{total: c.pages.total, counts: c.counts}
	for i := 0; i < c.pages.total; i++ {
		_ = c.pages.ensure(i) // a failed page shows as missing titles
		if row, ok := c.pages.at(i); ok {
			st.titles = append(st.titles, row.Chat.Title())
		}
	}
	return st
}

// shownRows are the rows the list draws now, top to bottom.
func shownRows(c *chatList) []*chatRow {
	var rows []*chatRow
	walkVisible(test.WidgetRenderer(c.list).Objects()[0], func(o fyne.CanvasObject) {
		if r, ok := o.(*chatRow); ok {
			rows = append(rows, r)
		}
	})
	for i := 1; i < len(rows); i++ { // insertion sort by position: few rows
		for j := i; j > 0 && rows[j].Position().Y < rows[j-1].Position().Y; j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
	return rows
}

// walkVisible calls fn for o and every visible object under it.
func walkVisible(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkVisible(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkVisible(c, fn)
		}
	}
}

// shownTitles are the titles of the rows on screen.
func shownTitles(c *chatList) []string {
	var out []string
	for _, r := range shownRows(c) {
		if r.v.title != "" {
			out = append(out, r.v.title)
		}
	}
	return out
}

// saveShot writes the window to $SALONCHAT_SHOTS/name.png when that folder is set, for a
// person to look at; tests never depend on it.
func saveShot(t *testing.T, w fyne.Window, name string) {
	dir := os.Getenv("SALONCHAT_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	must(t, err)
	defer f.Close()
	must(t, png.Encode(f, w.Canvas().Capture()))
}
