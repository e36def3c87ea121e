package demo_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"salonchat/demo"
	"salonchat/export"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

var storyEnd = time.Date(2026, 11, 25, 12, 30, 0, 0, time.UTC)

func salon(t *testing.T, seed int64) *inboxtest.MemStore {
	t.Helper()
	store := inboxtest.NewMemStore()
	if err := demo.Salon(store, storyEnd, seed); err != nil {
		t.Fatal(err)
	}
	return store
}

// storyFacts is what a walk over the demo salon finds.
type storyFacts struct {
	chats, multiDialog, noClient, phoneOfUnlinkedClient, linkedByPhone int
	system                                                             map[inbox.SystemKind]int
	revisions, attachments, failed, templated                          int
	latest                                                             time.Time
}

func walk(t *testing.T, store inbox.Store) storyFacts {
	t.Helper()
	f := storyFacts{system: map[inbox.SystemKind]int{}}
	err := store.View(func(tx inbox.ReadTx) error {
		clients, err := tx.Clients()
		if err != nil {
			return err
		}
		return tx.WalkChats(func(c inbox.Chat) error {
			f.chats++
			ds, err := tx.DialogsOfChat(c.ID)
			if err != nil {
				return err
			}
			if len(ds) > 1 {
				f.multiDialog++
			}
			f.noteClient(c, clients)
			return tx.WalkMessages(c.ID, func(m inbox.Message) error { f.noteMessage(m); return nil })
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *storyFacts) noteClient(c inbox.Chat, clients []inbox.Client) {
	if c.Client != 0 {
		if c.Network == inbox.Telegram && c.Phone != "" {
			f.linkedByPhone++
		}
		return
	}
	f.noClient++
	for _, cl := range clients {
		if c.Phone != "" && slices.Contains(cl.Phones, c.Phone) {
			f.phoneOfUnlinkedClient++
		}
	}
}

func (f *storyFacts) noteMessage(m inbox.Message) {
	if m.At.After(f.latest) {
		f.latest = m.At
	}
	if m.System != nil {
		f.system[m.System.Kind]++
	}
	if len(m.Revisions) > 0 {
		f.revisions++
	}
	if len(m.Attachments) > 0 {
		f.attachments++
	}
	if m.Delivery != nil && m.Delivery.State == inbox.Failed {
		f.failed++
	}
	if bytes.Contains([]byte(m.Text), []byte("Напоминаем, что вы записаны")) {
		f.templated++
	}
}

func TestSalon_Directory(t *testing.T) {
	svc := inbox.NewService(salon(t, 1))
	ops, _ := svc.Operators()
	accs, _ := svc.Accounts()
	tpls, _ := svc.Templates()
	sl, _ := svc.Salon()
	if len(ops) != 5 || len(accs) != 3 || len(tpls) < 6 || len(tpls) > 8 || sl.Name != "Лотос" {
		t.Fatalf("operators %d, accounts %d, templates %d, salon %q; want 5, 3, 6–8, Лотос", len(ops), len(accs), len(tpls), sl.Name)
	}
	for _, a := range accs {
		if a.Health.State != inbox.HealthOK {
			t.Errorf("account %s health = %v; want ok", a.Title, a.Health)
		}
	}
	clients, _ := svc.SearchClients("", 1000)
	if len(clients) != 30 {
		t.Errorf("clients = %d; want 30", len(clients))
	}
	for _, c := range clients {
		cd, err := svc.ClientDetails(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Surname == "" || c.FirstName == "" || c.Patronymic == "" || len(c.Phones) == 0 || c.Birthday.IsZero() || len(cd.Visits) == 0 {
			t.Errorf("client card incomplete: %+v with %d visits", c, len(cd.Visits))
		}
	}
}

func TestSalon_EveryListState(t *testing.T) {
	svc := inbox.NewService(salon(t, 1))
	counts, err := svc.Counts(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, cl := range inbox.Classes {
		if counts.All[cl] == 0 {
			t.Errorf("no dialog of class %d in Все: %v", cl, counts.All)
		}
	}
	if counts.Unassigned.Live() == 0 || counts.All.Live() == counts.Unassigned.Live() {
		t.Errorf("want both assigned and unassigned live dialogs: all %v, unassigned %v", counts.All, counts.Unassigned)
	}
}

func TestSalon_Story(t *testing.T) {
	store := salon(t, 1)
	f := walk(t, store)
	if f.chats != 43 {
		t.Errorf("chats = %d; want 43 (40 and 3 through the salon's own Telegram account)", f.chats)
	}
	// A chat whose phone is on a card links itself on arrival (inbox.ClientsByPhone), so
	// no unlinked chat has a client's phone.
	if f.multiDialog < 5 || f.noClient < 3 || f.phoneOfUnlinkedClient != 0 || f.linkedByPhone != 2 {
		t.Errorf("chats with several dialogs %d, without client %d, unlinked with a client's phone %d, linked by phone %d; want ≥5, ≥3, 0, 2",
			f.multiDialog, f.noClient, f.phoneOfUnlinkedClient, f.linkedByPhone)
	}
	for _, k := range []inbox.SystemKind{inbox.SysTaken, inbox.SysAssigned, inbox.SysClosed, inbox.SysPostponed, inbox.SysReturned, inbox.SysClientSet} {
		if f.system[k] == 0 {
			t.Errorf("no %q system message: %v", k, f.system)
		}
	}
	if f.revisions == 0 || f.attachments == 0 || f.failed != 1 || f.templated != 2 {
		t.Errorf("revisions %d, attachments %d, failed %d, reminders %d; want some, some, 1, 2", f.revisions, f.attachments, f.failed, f.templated)
	}
	if !f.latest.Before(storyEnd) || f.latest.Before(storyEnd.Add(-12*time.Hour)) {
		t.Errorf("latest message at %v; want within the 12 hours before %v", f.latest, storyEnd)
	}
	var queued []inbox.MessageID
	if err := store.View(func(tx inbox.ReadTx) (err error) { queued, err = tx.Queued(); return err }); err != nil || len(queued) != 0 {
		t.Errorf("messages left queued: %v (err %v)", queued, err)
	}
}

func TestSalon_SameSeedSameSalon(t *testing.T) {
	var a, b bytes.Buffer
	if err := export.Write(&a, salon(t, 7), export.Filter{}); err != nil {
		t.Fatal(err)
	}
	if err := export.Write(&b, salon(t, 7), export.Filter{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two salons from seed 7 differ")
	}
}

// TestSalon_Business: the salon's own Telegram account is connected to the bot, and its
// chats show what an administrator meets there — the owner's reply typed on the phone,
// a message the client deleted, a chat whose 24-hour reply window has closed, and a
// client who writes both to the bot and to the salon's account.
func TestSalon_Business(t *testing.T) {
	store := salon(t, 1)
	svc := inbox.NewService(store, inbox.WithClock(inboxtest.NewClock(storyEnd)))
	accs, err := svc.Accounts()
	if err != nil {
		t.Fatal(err)
	}
	var bot inbox.Account
	for _, a := range accs {
		if a.Network == inbox.Telegram {
			bot = a
		}
	}
	conns, err := svc.Connections(bot.ID)
	if err != nil || len(conns) != 1 || conns[0].Label() != "@lotos_salon" || conns[0].Problem() != "" {
		t.Fatalf("connections of %s: %+v (err %v); want one working @lotos_salon", bot.Title, conns, err)
	}
	var via []inbox.Chat
	byPeer := map[inbox.PeerID]inbox.Chat{}
	err = store.View(func(tx inbox.ReadTx) error {
		return tx.WalkChats(func(c inbox.Chat) error {
			byPeer[c.Peer] = c
			if c.Via != "" {
				via = append(via, c)
			}
			return nil
		})
	})
	if err != nil || len(via) != 3 {
		t.Fatalf("%d chats through the salon's account (err %v); want 3", len(via), err)
	}
	var elsewhere, deleted, closed, open, twins int
	for _, c := range via {
		if c.Via != conns[0].ID {
			t.Errorf("chat %s came through %q", c.Name, c.Via)
		}
		msgs, err := svc.Messages(c.ID, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.Elsewhere && m.Direction == inbox.DirOutbound {
				elsewhere++
			}
			if !m.Deleted.IsZero() && m.Text != "" {
				deleted++
			}
		}
		if err := svc.CanReply(c.ID); err == nil {
			open++
		} else if key, _ := inbox.ErrorKey(err); key == "send.reply_window_closed" {
			closed++
		} else {
			t.Errorf("chat %s: cannot reply: %v", c.Name, err)
		}
		bare, _, _ := strings.Cut(string(c.Peer), "@")
		if bc, ok := byPeer[inbox.PeerID(bare)]; ok {
			twins++
			if c.Client == 0 || c.Client != bc.Client {
				t.Errorf("%s: business chat's client %d, bot chat's %d; want the same client", c.Name, c.Client, bc.Client)
			}
		}
	}
	if elsewhere != 1 || deleted != 1 || closed != 1 || open != 2 || twins != 1 {
		t.Errorf("typed on the phone %d, deleted with content %d, window closed %d, open %d, also with the bot %d; want 1, 1, 1, 2, 1",
			elsewhere, deleted, closed, open, twins)
	}
}
