package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"salonchat/inbox"
)

func TestDialog_EmptyUntilOpened(t *testing.T) {
	s := newDialogSalon(t)
	if !s.d.empty.Visible() || s.d.body.Visible() {
		t.Fatal("with no dialog open the centre should show only the hint")
	}
	if got := strings.Join(visibleTexts(s.d.root), "|"); got != "Выберите диалог слева" {
		t.Errorf("empty centre shows %q; want the hint", got)
	}
	s.open(s.unanswer.Dialog)
	if s.d.empty.Visible() || !s.d.body.Visible() {
		t.Error("an open dialog should replace the hint")
	}
}

// TestDialog_HiddenBodyLaidOutWhenOpened: the body is not sized while hidden (shownStack
// spares the window's first frame its layout) and fills the centre once a dialog opens.
func TestDialog_HiddenBodyLaidOutWhenOpened(t *testing.T) {
	s := newDialogSalon(t)
	s.d.root.Resize(fyne.NewSize(700, 600))
	if got := s.d.body.Size(); !got.IsZero() {
		t.Errorf("hidden body sized %v; want it left alone", got)
	}
	s.open(s.unanswer.Dialog)
	if got := s.d.body.Size(); got != fyne.NewSize(700, 600) {
		t.Errorf("body of an open dialog is %v; want the centre's 700x600", got)
	}
	if got := s.d.composer.view().Size(); got.Width != 700 || got.Height <= 0 {
		t.Errorf("composer of an open dialog is %v; want the centre's width", got)
	}
}

func TestDialog_Header(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.unanswer.Dialog)
	h := s.d.header
	cases := []struct{ what, got, want string }{
		{"title", h.title.Text, "Иванова Мария"},
		{"account", h.accSeg.Text, "WhatsApp · +7 900 123-45-67"},
		{"status", h.status.Text, "Открыт"},
		{"operator", h.operator.sel.Selected, "Оператор не назначен"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %q; want %q", c.what, c.got, c.want)
		}
	}
	if h.badge.Visible() {
		t.Error("a healthy account shows no \"!\"")
	}
	if got := h.operator.sel.Options; len(got) != 3 || got[1] != "Анна Петрова" || got[2] != "Ольга Смирнова" {
		t.Errorf("operator options = %q; want nobody, then the active operators", got)
	}
}

func TestDialog_Close(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.answered.Dialog)
	test.Tap(s.d.header.closeBtn)
	s.pump()
	row, err := s.svc.Row(s.answered.Dialog)
	must(t, err)
	if row.Dialog.Status != inbox.DialogClosed {
		t.Fatalf("status = %v; want closed", row.Dialog.Status)
	}
	if got := s.d.header.status.Text; !strings.HasPrefix(got, "Закрыт ") {
		t.Errorf("header status = %q; want Закрыт …", got)
	}
	if !s.d.header.closeBtn.Disabled() || !s.d.header.clock.Disabled() {
		t.Error("a closed dialog cannot be closed or postponed again: the buttons should be disabled")
	}
	want := "Диалог закрыт: Анна Петрова · " + localTime(s.svc.Now()).Format("02.01 15:04")
	if texts := s.itemTexts(); !hasLine(texts, want) {
		t.Errorf("timeline %q lacks the system note %q", texts, want)
	}
}

func TestDialog_Assign(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.unanswer.Dialog)
	s.d.header.operator.sel.SetSelected("Ольга Смирнова")
	s.pump()
	row, err := s.svc.Row(s.unanswer.Dialog)
	must(t, err)
	if row.Dialog.Assignee != s.olga.ID {
		t.Fatalf("assignee = %d; want Ольга (%d)", row.Dialog.Assignee, s.olga.ID)
	}
	if !hasLine(s.itemTexts(), "Ответственный за диалог: Ольга Смирнова (назначение: Анна Петрова)") {
		t.Errorf("timeline %q lacks the assignment note", s.itemTexts())
	}
	if got := s.d.header.operator.sel.Selected; got != "Ольга Смирнова" {
		t.Errorf("selector shows %q after the event; want Ольга Смирнова", got)
	}
	s.d.header.operator.sel.SetSelected("Оператор не назначен")
	s.pump()
	row, _ = s.svc.Row(s.unanswer.Dialog)
	if row.Dialog.Assignee != 0 || !hasLine(s.itemTexts(), "Диалог снова без ответственного") {
		t.Errorf("unassigning: assignee %d, timeline %q", row.Dialog.Assignee, s.itemTexts())
	}
}

func TestDialog_PostponeQuick(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.unanswer.Dialog)
	test.Tap(s.d.header.clock)
	if texts := s.overlayTexts(); !strings.Contains(texts, "На 1 день") || !strings.Contains(texts, "До даты и времени…") {
		t.Fatalf("the clock menu shows %q", texts)
	}
	s.d.header.postponeMenu().Items[1].Action() // На 1 день
	s.pump()
	row, err := s.svc.Row(s.unanswer.Dialog)
	must(t, err)
	want := s.svc.Now().AddDate(0, 0, 1)
	if row.Dialog.Status != inbox.DialogPostponed || !row.Dialog.PostponedUntil.Equal(want) {
		t.Fatalf("dialog %v until %v; want postponed until %v", row.Dialog.Status, row.Dialog.PostponedUntil, want)
	}
	if got, w := s.d.header.status.Text, "Отложен до "+localTime(want).Format("02.01 15:04"); got != w {
		t.Errorf("header status = %q; want %q", got, w)
	}
	if !hasLine(s.itemTexts(), "Диалог отложен до "+localTime(want).Format("02.01 15:04")+": Анна Петрова") {
		t.Errorf("timeline %q lacks the postponement note", s.itemTexts())
	}
}

func TestDialog_PostponeCustom(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.unanswer.Dialog)
	s.d.header.showPostponeForm()
	f := s.d.header.form

	yesterday := localTime(s.svc.Now()).AddDate(0, 0, -1)
	f.date.SetDate(&yesterday)
	test.Tap(s.overlayButton("Отложить"))
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "уже прошло") {
		t.Fatalf("a past time shows %q; want it refused in the form", f.problem.Text)
	}
	if row, _ := s.svc.Row(s.unanswer.Dialog); row.Dialog.Status != inbox.DialogOpen {
		t.Fatal("a refused time postponed the dialog")
	}

	day := localTime(s.svc.Now()).AddDate(0, 0, 3)
	f.date.SetDate(&day)
	f.hour.SetSelected("11")
	f.minute.SetSelected("30")
	test.Tap(s.overlayButton("Отложить"))
	s.pump()
	want := time.Date(day.Year(), day.Month(), day.Day(), 11, 30, 0, 0, time.Local)
	row, err := s.svc.Row(s.unanswer.Dialog)
	must(t, err)
	if row.Dialog.Status != inbox.DialogPostponed || !row.Dialog.PostponedUntil.Equal(want) {
		t.Fatalf("dialog %v until %v; want postponed until %v", row.Dialog.Status, row.Dialog.PostponedUntil, want)
	}
	if strings.Contains(s.overlayTexts(), "Отложить диалог до") {
		t.Error("the form stays open after a good time")
	}
}

func TestDialog_HealthBadgeDisablesComposer(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.answered.Dialog)
	if s.d.composer.entry.Disabled() {
		t.Fatal("composer disabled on a healthy account")
	}
	must(t, s.svc.SetHealth(s.tg.ID, inbox.Health{State: inbox.HealthError, Reason: "health.token_invalid", Detail: "401 Unauthorized"}))
	s.pump()
	c := s.d.composer
	if !s.d.header.badge.Visible() {
		t.Fatal("no \"!\" on a broken account")
	}
	if !c.entry.Disabled() || !c.blocked.Visible() || !strings.Contains(c.blocked.Text, "ключ доступа отозван") {
		t.Fatalf("composer: disabled %v, reason %q; want disabled with the reason", c.entry.Disabled(), c.blocked.Text)
	}
	c.entry.TypedKey(&fyneKeyReturn)
	if n := len(s.messages(s.answered.Chat)); n != 3 {
		t.Errorf("Enter on a disabled composer changed the chat (%d messages)", n)
	}

	s.d.header.badge.MouseIn(&desktop.MouseEvent{})
	if h := s.d.header; !h.hint.Visible() || h.status.Visible() || !strings.Contains(h.hint.Text, "ключ доступа отозван") {
		t.Errorf("hovering \"!\" shows %q; want the reason in place of the status", h.hint.Text)
	}
	s.d.header.badge.MouseOut()
	if h := s.d.header; h.hint.Visible() || !h.status.Visible() {
		t.Error("the reason stays after the pointer left \"!\"")
	}
	test.Tap(s.d.header.badge)
	if texts := s.overlayTexts(); !strings.Contains(texts, "ключ доступа отозван") || !strings.Contains(texts, "401 Unauthorized") {
		t.Fatalf("the badge explains %q", texts)
	}
	test.Tap(s.overlayButton("Открыть настройки подключения"))
	if w := s.ui.openAccounts(); w == nil || w.selected != s.tg.ID {
		t.Errorf("\"Открыть настройки подключения\" opened %+v; want Внешние системы with the account selected", w)
	} else {
		w.win.Close()
	}

	must(t, s.svc.SetHealth(s.tg.ID, inbox.Health{State: inbox.HealthOK}))
	s.pump()
	if s.d.header.badge.Visible() || c.entry.Disabled() || c.blocked.Visible() {
		t.Error("a repaired account still shows the badge or blocks sending")
	}
}

func TestDialog_UnknownHealthReason(t *testing.T) {
	s := newDialogSalon(t)
	got := s.d.healthText(inbox.Account{Health: inbox.Health{State: inbox.HealthError, Reason: "health.from_the_future"}})
	if strings.Contains(got, "health.") || got == "" {
		t.Errorf("an untranslated reason shows %q; want the general text", got)
	}
}

func TestDialog_FollowsNewDialogOfChat(t *testing.T) {
	s := newDialogSalon(t)
	s.open(s.answered.Dialog)
	test.Tap(s.d.header.closeBtn)
	s.pump()
	r := s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551", Text: "И ещё вопрос"})
	s.pump()
	if s.d.current() != r.Dialog || r.Dialog == s.answered.Dialog {
		t.Fatalf("centre shows dialog %d; want the chat's new dialog %d", s.d.current(), r.Dialog)
	}
	if s.d.header.closeBtn.Disabled() || s.d.header.status.Text != "Открыт" {
		t.Error("the header still acts on the closed dialog")
	}
	if !hasLine(s.itemTexts(), "Новый диалог") {
		t.Errorf("timeline %q does not mark where the new dialog begins", s.itemTexts())
	}
}
