package inbox_test

import (
	"slices"
	"testing"
	"time"

	"salonchat/inbox"
)

// twoCards makes the usual double: the same woman written down twice, each card with
// its chat, visit, task and lead.
func twoCards(e *env) (keep, drop inbox.Client, waChat, tgChat inbox.ChatID) {
	e.t.Helper()
	wa := e.receiveExt(inbox.Inbound{Account: e.wa.ID, Peer: "79123456789@s.whatsapp.net", Phone: "79123456789",
		ChatName: "Мария", ExternalID: "w1", Text: "Запишите на маникюр"})
	keep, err := e.svc.CreateClientFromChat(e.anna.ID, wa.Chat)
	e.must(err)
	keep.Name, keep.Surname, keep.FirstName = "Иванова Мария", "Иванова", "Мария"
	keep = e.saveClient(keep)
	drop = e.saveClient(inbox.Client{Name: "Маша Иванова", Phones: []string{"8 912 345 67 89", "+7 926 111-22-33"},
		Email: "masha@mail.ru", Birthday: time.Date(1990, 5, 17, 0, 0, 0, 0, time.UTC), Notes: "Аллергия на лак"})
	tg := e.receive("777", "Это Маша")
	e.must(e.svc.AttachChat(e.anna.ID, tg.Chat, drop.ID))
	for _, c := range []inbox.Client{keep, drop} {
		_, err := e.svc.SaveVisit(inbox.Visit{Client: c.ID, At: t0.AddDate(0, 0, 3), Service: "Маникюр", Status: inbox.VisitBooked})
		e.must(err)
		_, err = e.svc.SaveTask(inbox.Task{Client: c.ID, Text: "Перезвонить"})
		e.must(err)
		_, err = e.svc.SaveLead(inbox.Lead{Client: c.ID, Want: "Педикюр", Channel: inbox.Telegram})
		e.must(err)
	}
	return keep, drop, wa.Chat, tg.Chat
}

// Merging moves everything to the kept card, once, and records it in both cards.
func TestService_MergeClients(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		keep, drop, waChat, tgChat := twoCards(e)
		before, err := e.svc.ClientDetails(drop.ID)
		e.must(err)
		msgs := len(e.thread(tgChat))

		e.clock.Advance(time.Minute)
		merged, err := e.svc.MergeClients(e.olga.ID, keep.ID, drop.ID)
		e.must(err)
		cd, err := e.svc.ClientDetails(keep.ID)
		e.must(err)
		if len(cd.Chats) != 2 || len(cd.Visits) != 2 || len(cd.Tasks) != 2 || len(cd.Leads) != 2 || len(cd.Dialogs) != 2 {
			t.Errorf("kept card: %d chats, %d visits, %d tasks, %d leads, %d dialogs; want 2 of each",
				len(cd.Chats), len(cd.Visits), len(cd.Tasks), len(cd.Leads), len(cd.Dialogs))
		}
		for _, c := range cd.Chats {
			if c.ClientName != "Иванова Мария" {
				t.Errorf("chat %d shows %q; want the kept card's name", c.ID, c.ClientName)
			}
		}
		if !slices.Equal(merged.Phones, []string{"79123456789", "79261112233"}) || merged.Email != "masha@mail.ru" ||
			merged.Birthday.IsZero() || merged.Notes != "Аллергия на лак" || merged.Name != "Иванова Мария" {
			t.Errorf("kept card = %+v; want its name and main phone, the other's extra phone, e-mail, birthday and notes", merged)
		}
		if n := len(e.thread(tgChat)); n != msgs {
			t.Errorf("the moved chat has %d messages; had %d", n, msgs)
		}
		gone, err := e.svc.ClientDetails(drop.ID)
		e.must(err)
		if gone.Client.MergedInto != keep.ID || len(gone.Chats)+len(gone.Visits)+len(gone.Tasks)+len(gone.Leads) != 0 {
			t.Errorf("dropped card = %+v with %d chats; want merged into %d and empty", gone.Client, len(gone.Chats), keep.ID)
		}
		if len(before.Chats) != 1 || before.Chats[0].ID != tgChat {
			t.Fatalf("setup: dropped card had chats %v", before.Chats)
		}

		kh, dh := e.history(keep.ID), e.history(drop.ID)
		mergedFrom := slices.IndexFunc(kh, func(c inbox.ClientChange) bool { return c.Field == inbox.ChangeMergedFrom })
		if mergedFrom < 0 || kh[mergedFrom].Other != drop.ID || kh[mergedFrom].OperatorName != "Ольга Смирнова" || kh[mergedFrom].Old != "Маша Иванова" {
			t.Errorf("kept card's history %+v; want merged_from the other by Ольга", kh)
		}
		if got := fields(kh[mergedFrom+1:]); !slices.Equal(got, []string{inbox.FieldPhones, inbox.FieldEmail, inbox.FieldBirthday, inbox.FieldNotes}) {
			t.Errorf("fields the merge changed: %v", got)
		}
		if last := dh[len(dh)-1]; last.Field != inbox.ChangeMergedInto || last.Other != keep.ID || last.New != "Иванова Мария" {
			t.Errorf("dropped card's last record = %+v; want merged_into the kept one", last)
		}

		// The dropped card leaves lists, searches and phone lookups, and stays merged.
		for _, q := range []string{"", "маша", "926 111"} {
			page, err := e.svc.Clients(q, inbox.ClientCursor{}, 10)
			e.must(err)
			if slices.ContainsFunc(page.Clients, func(c inbox.Client) bool { return c.ID == drop.ID }) {
				t.Errorf("Clients(%q) lists the merged card", q)
			}
		}
		if byPhone, _ := e.svc.ClientsByPhone("+7 926 111-22-33"); len(byPhone) != 1 || byPhone[0].ID != keep.ID {
			t.Errorf("ClientsByPhone = %v; want only the kept card", byPhone)
		}
		if _, err := e.svc.MergeClients(e.anna.ID, keep.ID, drop.ID); errKey(err) != "client.merged" {
			t.Errorf("merging a merged card again: %v", err)
		}
		if _, err := e.svc.SaveClient(e.anna.ID, gone.Client); errKey(err) != "client.merged" {
			t.Errorf("editing a merged card: %v", err)
		}
		if _, err := e.svc.Channels(drop.ID); errKey(err) != "client.merged" {
			t.Errorf("channels of a merged card: %v", err)
		}
		if _, err := e.svc.MergeClients(e.anna.ID, keep.ID, keep.ID); errKey(err) != "client.merge_same" {
			t.Errorf("merging a card with itself: %v", err)
		}
		if c, _ := e.svc.Chat(waChat); c.Client != keep.ID {
			t.Errorf("the kept card's own chat moved to %d", c.Client)
		}
	})
}

func errKey(err error) string {
	key, _ := inbox.ErrorKey(err)
	return key
}

// Detaching a chat attached by mistake unlinks it, with a note and a record; nothing of
// the chat is deleted, and its phone no longer links it back.
func TestService_DetachChat(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		right := e.saveClient(inbox.Client{Name: "Петрова Ольга"})
		wrong := e.saveClient(inbox.Client{Name: "Петрова Оксана", Phones: []string{"79990001122"}})
		r := e.receiveExt(inbox.Inbound{Account: e.wa.ID, Peer: "79220001122@s.whatsapp.net", Phone: "79220001122",
			ChatName: "Оля", ExternalID: "w1", Text: "Здравствуйте"})
		e.must(e.svc.AttachChat(e.anna.ID, r.Chat, wrong.ID))
		msgs := len(e.thread(r.Chat))

		e.clock.Advance(time.Minute)
		e.must(e.svc.DetachChat(e.olga.ID, r.Chat))
		c, err := e.svc.Chat(r.Chat)
		e.must(err)
		if c.Client != 0 || c.ClientName != "" {
			t.Errorf("detached chat = %+v; want no client", c)
		}
		if got := e.systemKinds(r.Chat); !slices.Equal(got, []inbox.SystemKind{inbox.SysClientSet, inbox.SysClientUnset}) {
			t.Errorf("system messages %v; want set, then unset", got)
		}
		th := e.thread(r.Chat)
		if len(th) != msgs+1 || th[len(th)-1].System.ClientName != "Петрова Оксана" || th[len(th)-1].System.OperatorName != "Ольга Смирнова" {
			t.Errorf("thread after detach: %d messages, last %+v", len(th), th[len(th)-1].System)
		}
		cd, err := e.svc.ClientDetails(wrong.ID)
		e.must(err)
		if len(cd.Chats) != 0 || !slices.Equal(cd.Client.Phones, []string{"79990001122"}) {
			t.Errorf("wrong card keeps chats %v, phones %v; want none and its own phone", cd.Chats, cd.Client.Phones)
		}
		h := e.history(wrong.ID)
		if got := fields(h[len(h)-2:]); !slices.Equal(got, []string{inbox.ChangeChatDetached, inbox.FieldPhones}) {
			t.Errorf("wrong card's last records %v; want chat_detached and the phone it took", got)
		}
		if err := e.svc.DetachChat(e.olga.ID, r.Chat); errKey(err) != "client.chat_no_client" {
			t.Errorf("detaching a chat without client: %v", err)
		}

		// The client writes again under a new name: the chat is not linked back.
		e.receiveExt(inbox.Inbound{Account: e.wa.ID, Peer: "79220001122@s.whatsapp.net", Phone: "79220001122",
			ChatName: "Ольга П.", ExternalID: "w2", Text: "Ау"})
		if c, _ := e.svc.Chat(r.Chat); c.Client != 0 {
			t.Errorf("the detached chat linked itself back to %d", c.Client)
		}
		e.must(e.svc.AttachChat(e.anna.ID, r.Chat, right.ID))
		if c, _ := e.svc.Chat(r.Chat); c.Client != right.ID {
			t.Errorf("chat attached to %d; want the right card %d", c.Client, right.ID)
		}
	})
}

// Attaching a linked chat to another client moves it, recorded in both cards.
func TestService_AttachChat_FromAnotherClient(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		a := e.saveClient(inbox.Client{Name: "Анна"})
		b := e.saveClient(inbox.Client{Name: "Борис"})
		r := e.receiveExt(inbox.Inbound{Account: e.wa.ID, Peer: "79220001122@s.whatsapp.net", Phone: "79220001122",
			ExternalID: "w1", Text: "Привет"})
		e.must(e.svc.AttachChat(e.anna.ID, r.Chat, a.ID))
		e.must(e.svc.AttachChat(e.anna.ID, r.Chat, b.ID))
		ha := e.history(a.ID)
		if got := fields(ha[len(ha)-2:]); !slices.Equal(got, []string{inbox.ChangeChatDetached, inbox.FieldPhones}) {
			t.Errorf("first card's history %v; want the chat detached and its phone taken off last", fields(ha))
		}
		if hb := e.history(b.ID); hb[len(hb)-1].Field != inbox.ChangeChatAttached {
			t.Errorf("second card's history %v; want the chat attached last", fields(hb))
		}
		ca, _ := e.svc.ClientDetails(a.ID)
		cb, _ := e.svc.ClientDetails(b.ID)
		if len(ca.Client.Phones) != 0 || !slices.Equal(cb.Client.Phones, []string{"79220001122"}) {
			t.Errorf("phones: first card %v, second %v; want the number moved with the chat", ca.Client.Phones, cb.Client.Phones)
		}
		if got := e.systemKinds(r.Chat); !slices.Equal(got, []inbox.SystemKind{inbox.SysClientSet, inbox.SysClientSet}) {
			t.Errorf("system messages %v", got)
		}
	})
}
