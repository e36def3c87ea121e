package inbox_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"salonchat/inbox"
)

// Rule 1: an inbound message to a chat without a live dialog opens a new dialog: open,
// unassigned, awaiting reply.
func TestService_Receive_OpensDialog(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		r := e.receive("100", "Здравствуйте! Можно записаться на маникюр?")
		d := e.dialog(r.Dialog)
		if d.Status != inbox.DialogOpen || d.Assignee != 0 || !d.Awaiting || d.Unread != 1 {
			t.Fatalf("new dialog = %+v; want open, unassigned, awaiting, 1 unread", d)
		}
		if d.Preview != "Здравствуйте! Можно записаться на маникюр?" || d.PreviewDirection != inbox.DirInbound {
			t.Errorf("preview = %q (%v)", d.Preview, d.PreviewDirection)
		}
		if got := e.tab(inbox.Filter{Owner: inbox.OwnerUnassigned, Status: inbox.StatusUnanswered}); !slices.Equal(got, []inbox.DialogID{d.ID}) {
			t.Errorf("Не назначены × Без ответа = %v; want [%d]", got, d.ID)
		}
	})
}

// Rule 2: receiving is idempotent on (account, chat, external id).
func TestService_Receive_Duplicate(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		in := inbox.Inbound{Account: e.tg.ID, Peer: "100", ExternalID: "42", Text: "Привет"}
		first := e.receiveExt(in)
		second := e.receiveExt(in)
		if first.Duplicate || !second.Duplicate || second.Message != 0 && second.Message != first.Message {
			t.Fatalf("first = %+v, second = %+v; want the second marked duplicate", first, second)
		}
		if n := len(e.thread(first.Chat)); n != 1 {
			t.Errorf("thread has %d messages; want 1", n)
		}
		if d := e.dialog(first.Dialog); d.Unread != 1 {
			t.Errorf("unread = %d; want 1", d.Unread)
		}
		// The same external id on another account is another message.
		in.Account = e.wa.ID
		if r := e.receiveExt(in); r.Duplicate {
			t.Error("same external id on another account was taken for a duplicate")
		}
	})
}

// Rule 3: an inbound message to a postponed dialog brings it back to open; an expired
// postponement returns on its own.
func TestService_Postpone_Returns(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		a := e.receive("1", "Выйдет ли мастер после больничного?")
		b := e.receive("2", "А в субботу есть окно?")
		e.must(e.svc.PostponeFor(e.anna.ID, a.Dialog, inbox.PostponeHour))
		e.must(e.svc.PostponeFor(e.anna.ID, b.Dialog, inbox.PostponeDay))
		if d := e.dialog(a.Dialog); d.Status != inbox.DialogPostponed || !d.PostponedUntil.Equal(e.clock.Now().Add(time.Hour)) {
			t.Fatalf("after postpone: %+v", d)
		}

		e.receiveExt(inbox.Inbound{Account: e.tg.ID, Peer: "2", ExternalID: "b2", Text: "Ау?"})
		if d := e.dialog(b.Dialog); d.Status != inbox.DialogOpen || !d.PostponedUntil.IsZero() {
			t.Errorf("postponed dialog after the client wrote = %+v; want open", d)
		}

		e.clock.Advance(58 * time.Minute) // one minute went by as the client wrote
		if n, err := e.svc.ReturnDue(); err != nil || n != 0 {
			t.Fatalf("ReturnDue before the hour = %d, %v; want 0", n, err)
		}
		e.clock.Advance(time.Minute)
		if n, err := e.svc.ReturnDue(); err != nil || n != 1 {
			t.Fatalf("ReturnDue after the hour = %d, %v; want 1", n, err)
		}
		if d := e.dialog(a.Dialog); d.Status != inbox.DialogOpen {
			t.Errorf("expired postponement: status %v; want open", d.Status)
		}
		if got, want := e.systemKinds(a.Chat), []inbox.SystemKind{inbox.SysPostponed, inbox.SysReturned}; !slices.Equal(got, want) {
			t.Errorf("system messages %v; want %v", got, want)
		}
	})
}

func TestService_Postpone_Invalid(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		r := e.receive("1", "?")
		err := e.svc.Postpone(e.anna.ID, r.Dialog, e.clock.Now().Add(-time.Minute))
		if key, _ := inbox.ErrorKey(err); key != "postpone.in_past" {
			t.Errorf("postpone into the past: %v; want postpone.in_past", err)
		}
		e.must(e.svc.CloseDialog(e.anna.ID, r.Dialog))
		err = e.svc.PostponeFor(e.anna.ID, r.Dialog, inbox.PostponeWeek)
		if key, _ := inbox.ErrorKey(err); key != "dialog.closed" {
			t.Errorf("postpone a closed dialog: %v; want dialog.closed", err)
		}
	})
}

// Rule 4: an inbound message after a dialog was closed opens a new dialog; the closed
// one stays unchanged.
func TestService_Receive_AfterClose(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		first := e.receive("1", "Спасибо, до встречи!")
		e.send(e.anna, first.Chat, "Ждём вас!")
		e.must(e.svc.CloseDialog(e.anna.ID, first.Dialog))
		closed := e.dialog(first.Dialog)

		second := e.receive("1", "Забыла спросить про парковку")
		if second.Dialog == first.Dialog {
			t.Fatal("a message after closing went into the closed dialog")
		}
		if d := e.dialog(second.Dialog); d.Status != inbox.DialogOpen || d.Assignee != 0 || !d.Awaiting {
			t.Errorf("new dialog = %+v; want open, unassigned, awaiting", d)
		}
		if again := e.dialog(first.Dialog); again != closed {
			t.Errorf("closed dialog changed:\n was %+v\n now %+v", closed, again)
		}
		if c, _ := e.svc.Chat(first.Chat); c.Dialog != second.Dialog {
			t.Errorf("chat's current dialog = %d; want %d", c.Dialog, second.Dialog)
		}
	})
}

// Rule 5: the first outbound message in an unassigned dialog assigns it to its sender,
// with a "взят в работу" note naming the operator and the time.
func TestService_Send_TakesDialog(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		r := e.receive("1", "Добрый день")
		m := e.send(e.olga, r.Chat, "Здравствуйте! Чем помочь?")
		d := e.dialog(r.Dialog)
		if d.Assignee != e.olga.ID || d.Awaiting || d.Unread != 0 {
			t.Fatalf("after the first reply: %+v; want assigned to Ольга, answered", d)
		}
		th := e.thread(r.Chat)
		if len(th) != 3 {
			t.Fatalf("thread has %d messages; want inbound, system, outbound", len(th))
		}
		sys := th[1]
		if sys.Direction != inbox.DirSystem || sys.System.Kind != inbox.SysTaken || sys.System.OperatorName != "Ольга Смирнова" || !sys.At.Equal(m.At) {
			t.Errorf("system message = %+v %+v; want taken by Ольга at %v", sys, sys.System, m.At)
		}
		// A second reply by another operator does not reassign.
		e.send(e.anna, r.Chat, "Дополню: у нас акция")
		if d := e.dialog(r.Dialog); d.Assignee != e.olga.ID {
			t.Errorf("second reply reassigned the dialog to %d", d.Assignee)
		}
		if got := e.systemKinds(r.Chat); len(got) != 1 {
			t.Errorf("system messages %v; want one", got)
		}
	})
}

// Rule 6: close, assign and postpone each add a system message with operator and time;
// system messages are never queued for sending.
func TestService_Actions_RecordSystemMessages(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		r := e.receive("1", "Вопрос")
		e.must(e.svc.Assign(e.anna.ID, r.Dialog, e.olga.ID))
		e.must(e.svc.Assign(e.anna.ID, r.Dialog, e.olga.ID)) // no change, no note
		e.must(e.svc.Postpone(e.olga.ID, r.Dialog, e.clock.Now().Add(48*time.Hour)))
		e.must(e.svc.CloseDialog(e.olga.ID, r.Dialog))
		if err := e.svc.CloseDialog(e.olga.ID, r.Dialog); err == nil {
			t.Error("closing a closed dialog succeeded")
		}
		var sys []inbox.SystemEvent
		for _, m := range e.thread(r.Chat) {
			if m.Direction == inbox.DirSystem {
				if m.Delivery != nil {
					t.Errorf("system message %d has a delivery record", m.ID)
				}
				sys = append(sys, *m.System)
			}
		}
		want := []inbox.SystemEvent{
			{Kind: inbox.SysAssigned, Operator: e.anna.ID, OperatorName: "Анна Петрова", Target: e.olga.ID, TargetName: "Ольга Смирнова"},
			{Kind: inbox.SysPostponed, Operator: e.olga.ID, OperatorName: "Ольга Смирнова", Until: t0.Add(time.Minute + 48*time.Hour)},
			{Kind: inbox.SysClosed, Operator: e.olga.ID, OperatorName: "Ольга Смирнова"},
		}
		if !slices.Equal(sys, want) {
			t.Errorf("system events\n got %+v\nwant %+v", sys, want)
		}
		queued, err := queued(e)
		e.must(err)
		if len(queued) != 0 {
			t.Errorf("queued = %v; system messages must never be sent", queued)
		}
	})
}

func queued(e *env) (ids []inbox.MessageID, err error) {
	err = e.store.View(func(tx inbox.ReadTx) error {
		ids, err = tx.Queued()
		return err
	})
	return ids, err
}

// Rule 7: the filters combine, and the counts match what the tabs list.
func TestService_Filters(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		unanswered := e.receive("1", "Ау").Dialog
		mine := e.receive("2", "Запишите меня")
		e.send(e.anna, mine.Chat, "Записала!")
		olgas := e.receive("3", "Сколько стоит окрашивание?").Dialog
		e.must(e.svc.Assign(e.olga.ID, olgas, e.olga.ID))
		post := e.receive("4", "Позже уточню").Dialog
		e.must(e.svc.PostponeFor(e.anna.ID, post, inbox.PostponeWeek))
		closed := e.receive("5", "Спасибо").Dialog
		e.must(e.svc.CloseDialog(e.anna.ID, closed))

		me := e.anna.ID
		cases := []struct {
			name string
			f    inbox.Filter
			want []inbox.DialogID
		}{
			{"Все×Без ответа", inbox.Filter{inbox.OwnerAll, inbox.StatusUnanswered, me}, []inbox.DialogID{post, olgas, unanswered}},
			{"Все×Открытые", inbox.Filter{inbox.OwnerAll, inbox.StatusOpen, me}, []inbox.DialogID{olgas, mine.Dialog, unanswered}},
			{"Все×Отложенные", inbox.Filter{inbox.OwnerAll, inbox.StatusPostponed, me}, []inbox.DialogID{post}},
			{"Все×Закрытые", inbox.Filter{inbox.OwnerAll, inbox.StatusClosed, me}, []inbox.DialogID{closed}},
			{"Мои×Открытые", inbox.Filter{inbox.OwnerMine, inbox.StatusOpen, me}, []inbox.DialogID{mine.Dialog}},
			{"Мои×Без ответа", inbox.Filter{inbox.OwnerMine, inbox.StatusUnanswered, me}, nil},
			{"Не назначены×Без ответа", inbox.Filter{inbox.OwnerUnassigned, inbox.StatusUnanswered, me}, []inbox.DialogID{post, unanswered}},
			{"Не назначены×Закрытые", inbox.Filter{inbox.OwnerUnassigned, inbox.StatusClosed, me}, []inbox.DialogID{closed}},
			{"Мои(Ольга)×Без ответа", inbox.Filter{inbox.OwnerMine, inbox.StatusUnanswered, e.olga.ID}, []inbox.DialogID{olgas}},
		}
		counts, err := e.svc.Counts(me)
		e.must(err)
		for _, c := range cases {
			got := e.tab(c.f)
			if !slices.Equal(got, c.want) {
				t.Errorf("%s = %v; want %v", c.name, got, c.want)
			}
			cc := counts
			if c.f.Me != me {
				cc, err = e.svc.Counts(c.f.Me)
				e.must(err)
			}
			if n := cc.Of(c.f.Owner).Tab(c.f.Status); n != len(c.want) {
				t.Errorf("count of %s = %d; want %d", c.name, n, len(c.want))
			}
		}
	})
}

// Rule 8: search by client name, chat name and phone in any notation.
func TestService_Search(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		ivanova := e.receiveExt(inbox.Inbound{Account: e.wa.ID, Peer: "79123456789@s.whatsapp.net", Phone: "79123456789",
			ChatName: "Мария", ExternalID: "w1", Text: "Здравствуйте"})
		petrov := e.receiveExt(inbox.Inbound{Account: e.tg.ID, Peer: "555", ChatName: "Игорь Петров", ExternalID: "t1", Text: "Добрый вечер"})
		cl, err := e.svc.CreateClientFromChat(e.anna.ID, ivanova.Chat)
		e.must(err)
		cl.Name = "Иванова Мария Сергеевна"
		_, err = e.svc.SaveClient(e.anna.ID, cl)
		e.must(err)

		cases := []struct {
			q    string
			want inbox.ChatID
		}{
			{"+7 (912) 345-67-89", ivanova.Chat},
			{"89123456789", ivanova.Chat},
			{"79123456789", ivanova.Chat},
			{"345-67", ivanova.Chat},
			{"иванова", ivanova.Chat},
			{"Сергеевна", ivanova.Chat},
			{"петр", petrov.Chat},
			{"Игорь", petrov.Chat},
		}
		for _, c := range cases {
			rows, err := e.svc.Search(c.q, 10)
			e.must(err)
			if len(rows) != 1 || rows[0].Chat.ID != c.want {
				var got []inbox.ChatID
				for _, r := range rows {
					got = append(got, r.Chat.ID)
				}
				t.Errorf("Search(%q) = chats %v; want [%d]", c.q, got, c.want)
			}
		}
		if rows, _ := e.svc.Search("Светлана", 10); len(rows) != 0 {
			t.Errorf("Search(Светлана) = %d rows; want none", len(rows))
		}
	})
}

// Rule 9: a chat becomes a new client (named by its phone) or joins an existing client;
// the client then sees the dialogs of all its chats.
func TestService_ClientFromChat(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		wa := e.receiveExt(inbox.Inbound{Account: e.wa.ID, Peer: "79123456789@s.whatsapp.net", Phone: "+79123456789",
			ChatName: "Маша", ExternalID: "w1", Text: "Привет"})
		tg := e.receive("777", "Это Маша из WhatsApp")

		cl, err := e.svc.CreateClientFromChat(e.anna.ID, wa.Chat)
		e.must(err)
		if cl.Name != "+7 912 345-67-89" || !slices.Equal(cl.Phones, []string{"79123456789"}) {
			t.Errorf("client = %+v; want named by the phone", cl)
		}
		if _, err := e.svc.CreateClientFromChat(e.anna.ID, wa.Chat); err == nil {
			t.Error("made a second client from a chat that has one")
		}
		noPhone, err := e.svc.CreateClientFromChat(e.anna.ID, tg.Chat)
		e.must(err)
		if noPhone.Name != "Клиент 777" {
			t.Errorf("client of a chat without phone named %q; want the chat's name", noPhone.Name)
		}

		third := e.receive("888", "И ещё вопрос")
		e.must(e.svc.AttachChat(e.anna.ID, third.Chat, cl.ID))
		cd, err := e.svc.ClientDetails(cl.ID)
		e.must(err)
		var dialogs []inbox.DialogID
		for _, r := range cd.Dialogs {
			dialogs = append(dialogs, r.Dialog.ID)
		}
		if len(cd.Chats) != 2 || !slices.Equal(dialogs, []inbox.DialogID{third.Dialog, wa.Dialog}) {
			t.Errorf("client sees chats %d, dialogs %v; want 2 chats and [%d %d]", len(cd.Chats), dialogs, third.Dialog, wa.Dialog)
		}
		if c, _ := e.svc.Chat(third.Chat); c.ClientName != cl.Name {
			t.Errorf("attached chat shows %q; want the client's name", c.ClientName)
		}
		if got := e.systemKinds(third.Chat); !slices.Equal(got, []inbox.SystemKind{inbox.SysClientSet}) {
			t.Errorf("system messages %v; want the link noted", got)
		}

		// A new chat with the same phone joins the client on its own.
		other := e.receiveExt(inbox.Inbound{Account: e.tg.ID, Peer: "999", Phone: "8 912 345 67 89", ExternalID: "x", Text: "Я"})
		if c, _ := e.svc.Chat(other.Chat); c.Client != cl.ID {
			t.Errorf("chat with the client's phone linked to %d; want %d", c.Client, cl.ID)
		}
	})
}

// Rule 10: messages are append-only; a client's edit is a revision beside the original.
func TestService_Receive_EditIsRevision(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		orig := e.receiveExt(inbox.Inbound{Account: e.tg.ID, Peer: "1", ExternalID: "10", Text: "Запишите на 15:00"})
		edit := inbox.Inbound{Account: e.tg.ID, Peer: "1", ExternalID: "10@edit1", EditOf: "10", Text: "Запишите на 16:00"}
		e.receiveExt(edit)
		if r := e.receiveExt(edit); !r.Duplicate {
			t.Error("the same edit delivered twice was stored twice")
		}
		th := e.thread(orig.Chat)
		if len(th) != 1 {
			t.Fatalf("thread has %d messages; want the original only", len(th))
		}
		m := th[0]
		if m.Text != "Запишите на 15:00" || len(m.Revisions) != 1 || m.CurrentText() != "Запишите на 16:00" {
			t.Errorf("message = %q with revisions %+v; want the original kept and one revision", m.Text, m.Revisions)
		}
		if d := e.dialog(orig.Dialog); d.Preview != "Запишите на 16:00" {
			t.Errorf("preview = %q; want the edited text", d.Preview)
		}
	})
}

// Rule 11: outbound messages are stored queued before any network call; delivery moves
// forward only, a failure carries its reason, and a failed message can be retried.
func TestService_Delivery(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		r := e.receive("1", "?")
		m := e.send(e.anna, r.Chat, "Ответ")
		if m.Delivery == nil || m.Delivery.State != inbox.Queued {
			t.Fatalf("sent message delivery = %+v; want queued", m.Delivery)
		}
		if q, _ := queued(e); !slices.Equal(q, []inbox.MessageID{m.ID}) {
			t.Errorf("queued = %v; want [%d]", q, m.ID)
		}
		steps := []struct {
			to    inbox.DeliveryState
			apply bool
		}{
			{inbox.Failed, true}, {inbox.Sent, false}, {inbox.Queued, true}, {inbox.Sent, true},
			{inbox.Read, true}, {inbox.Delivered, false}, {inbox.Failed, false},
		}
		for _, s := range steps {
			ok, err := e.svc.UpdateDelivery(m.ID, inbox.Delivery{State: s.to, Reason: "send.blocked", ExternalID: "ext-1"})
			e.must(err)
			if ok != s.apply {
				t.Errorf("move to %v applied = %v; want %v", s.to, ok, s.apply)
			}
		}
		got, err := e.svc.Message(m.ID)
		e.must(err)
		if got.Delivery.State != inbox.Read || got.Delivery.ExternalID != "ext-1" || got.Text != "Ответ" {
			t.Errorf("final message = %q %+v; want read with ext-1", got.Text, got.Delivery)
		}
		if q, _ := queued(e); len(q) != 0 {
			t.Errorf("queued after read = %v", q)
		}
	})
}

func TestService_Retry(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		r := e.receive("1", "?")
		m := e.send(e.anna, r.Chat, "Ответ")
		if err := e.svc.Retry(m.ID); err == nil {
			t.Error("retry of a queued message succeeded")
		}
		_, err := e.svc.UpdateDelivery(m.ID, inbox.Delivery{State: inbox.Failed, Reason: "send.blocked"})
		e.must(err)
		failed, _ := e.svc.Message(m.ID)
		if failed.Delivery.Reason != "send.blocked" {
			t.Errorf("failed reason = %q", failed.Delivery.Reason)
		}
		e.must(e.svc.Retry(m.ID))
		if q, _ := queued(e); !slices.Equal(q, []inbox.MessageID{m.ID}) {
			t.Errorf("after retry queued = %v; want [%d]", q, m.ID)
		}
	})
}

func TestService_Send_Refused(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		r := e.receive("1", "?")
		cases := []struct {
			name, text, key string
			prepare         func()
		}{
			{"empty", "  \n ", "send.empty", nil},
			{"raw field", "Ждём вас {Визит.Дата}", "send.unfilled_field", nil},
			{"broken account", "Привет", "send.account_broken", func() {
				e.must(e.svc.SetHealth(e.tg.ID, inbox.Health{State: inbox.HealthError, Reason: "health.token_invalid"}))
			}},
		}
		for _, c := range cases {
			if c.prepare != nil {
				c.prepare()
			}
			_, err := e.svc.Send(e.anna.ID, inbox.Outgoing{Chat: r.Chat, Text: c.text})
			var ie *inbox.Error
			if !errors.As(err, &ie) || ie.Key != c.key {
				t.Errorf("%s: Send error = %v; want key %s", c.name, err, c.key)
			}
		}
		if d := e.dialog(r.Dialog); d.Assignee != 0 || len(e.thread(r.Chat)) != 1 {
			t.Error("a refused message changed the dialog or the thread")
		}
	})
}

// Writing to a chat whose dialog is closed opens a new dialog taken by the sender.
func TestService_Send_ToClosedChat(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		r := e.receive("1", "Спасибо")
		e.must(e.svc.CloseDialog(e.anna.ID, r.Dialog))
		m := e.send(e.olga, r.Chat, "Напоминаем о записи завтра")
		if m.Dialog == r.Dialog {
			t.Fatal("message went into the closed dialog")
		}
		if d := e.dialog(m.Dialog); d.Assignee != e.olga.ID || d.Status != inbox.DialogOpen || d.Awaiting {
			t.Errorf("new dialog = %+v; want open, taken by Ольга, answered", d)
		}
	})
}

func TestService_Events(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		sub := e.svc.Subscribe(16)
		defer sub.Close()
		r := e.receive("1", "Привет")
		var kinds []inbox.EventKind
		for len(kinds) < 3 {
			select {
			case ev := <-sub.Events():
				kinds = append(kinds, ev.Kind)
				if ev.Kind == inbox.EventMessage && (!ev.Inbound || ev.Message != r.Message) {
					t.Errorf("message event = %+v", ev)
				}
			case <-time.After(time.Second):
				t.Fatalf("got events %v; want chat, message, dialog", kinds)
			}
		}
		if !slices.Equal(kinds, []inbox.EventKind{inbox.EventChat, inbox.EventMessage, inbox.EventDialog}) {
			t.Errorf("events %v", kinds)
		}
	})
}

func TestService_Events_SlowSubscriberMisses(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		sub := e.svc.Subscribe(1)
		defer sub.Close()
		e.receive("1", "a")
		e.receive("2", "b")
		select {
		case <-sub.Missed():
		default:
			t.Error("an overflowing subscriber was not told it missed events")
		}
	})
}
