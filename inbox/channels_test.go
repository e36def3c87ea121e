package inbox_test

import (
	"slices"
	"testing"

	"salonchat/inbox"
)

type option struct {
	chat      inbox.ChatID
	network   inbox.Network
	available bool
	reason    string
}

func (e *env) channels(client inbox.ClientID) []option {
	e.t.Helper()
	opts, err := e.svc.Channels(client)
	e.must(err)
	var out []option
	for _, o := range opts {
		out = append(out, option{o.Chat, o.Network, o.Available, o.Reason})
	}
	return out
}

func (e *env) addVK() inbox.Account {
	e.t.Helper()
	vk, err := e.svc.AddAccount(inbox.Account{Network: inbox.VK, Title: "Лотос ВКонтакте"})
	e.must(err)
	e.must(e.svc.SetHealth(vk.ID, inbox.Health{State: inbox.HealthOK}))
	return vk
}

// The channels of a client follow what each network allows: existing chats first, most
// recent first; WhatsApp can start with a phone; Telegram and VK cannot.
func TestService_Channels(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		e.addVK()
		nobody := e.saveClient(inbox.Client{Name: "Без телефона"})
		if got, want := e.channels(nobody.ID), []option{
			{0, inbox.Telegram, false, "channel.tg_needs_first_message"},
			{0, inbox.WhatsApp, false, "channel.wa_needs_phone"},
			{0, inbox.VK, false, "channel.vk_needs_first_message"},
		}; !slices.Equal(got, want) {
			t.Errorf("client without chats or phone:\n got %v\nwant %v", got, want)
		}

		cl := e.saveClient(inbox.Client{Name: "Иванова Мария", Phones: []string{"89123456789"}})
		old := e.receive("1", "Давно писала")
		recent := e.receive("2", "Пишу снова")
		e.must(e.svc.AttachChat(e.anna.ID, old.Chat, cl.ID))
		e.must(e.svc.AttachChat(e.anna.ID, recent.Chat, cl.ID))
		e.receive("2", "Ещё вопрос")
		opts, err := e.svc.Channels(cl.ID)
		e.must(err)
		if got, want := e.channels(cl.ID), []option{
			{recent.Chat, inbox.Telegram, true, ""},
			{old.Chat, inbox.Telegram, true, ""},
			{0, inbox.WhatsApp, true, "channel.wa_check_number"},
			{0, inbox.VK, false, "channel.vk_needs_first_message"},
		}; !slices.Equal(got, want) {
			t.Errorf("client with two Telegram chats and a phone:\n got %v\nwant %v", got, want)
		}
		if opts[2].Phone != "79123456789" || opts[2].Account != e.wa.ID || opts[0].LastActivity.Before(opts[1].LastActivity) {
			t.Errorf("WhatsApp option %+v; want the main phone on the WhatsApp account", opts[2])
		}

		// A switched-off account: its chats cannot be written to; it offers no new one.
		tg, err := e.svc.Accounts()
		e.must(err)
		acc := tg[slices.IndexFunc(tg, func(a inbox.Account) bool { return a.ID == e.tg.ID })]
		acc.Disabled = true
		e.must(e.svc.UpdateAccount(acc))
		if got := e.channels(nobody.ID); slices.ContainsFunc(got, func(o option) bool { return o.network == inbox.Telegram }) {
			t.Errorf("a switched-off account is offered: %v", got)
		}
		if got := e.channels(cl.ID)[0]; got.available || got.reason != "channel.account_disabled" {
			t.Errorf("chat of a switched-off account = %v; want unavailable", got)
		}
	})
}

// A WhatsApp conversation is started with the client's phone: the message goes through
// the outbox into the new chat's dialog, taken by the sender, and the chat joins the card.
func TestService_StartChat(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		vk := e.addVK()
		cl := e.saveClient(inbox.Client{Name: "Иванова Мария", Phones: []string{"+7 912 345-67-89"}})
		c, err := e.svc.StartChat(e.olga.ID, e.wa.ID, cl.ID, "8 912 345-67-89")
		e.must(err)
		if c.Peer != "79123456789" || c.Phone != "79123456789" || c.Client != cl.ID || c.ClientName != "Иванова Мария" || c.Network != inbox.WhatsApp {
			t.Fatalf("started chat = %+v", c)
		}
		m := e.send(e.olga, c.ID, "Мария, добрый день! Напоминаем о записи.")
		if m.Delivery == nil || m.Delivery.State != inbox.Queued {
			t.Errorf("message = %+v; want queued", m.Delivery)
		}
		if d := e.dialog(m.Dialog); d.Assignee != e.olga.ID || d.Status != inbox.DialogOpen {
			t.Errorf("dialog = %+v; want open, taken by Ольга", d)
		}
		if got := e.systemKinds(c.ID); !slices.Equal(got, []inbox.SystemKind{inbox.SysTaken}) {
			t.Errorf("system messages %v; want taken", got)
		}
		if h := e.history(cl.ID); h[len(h)-1].Field != inbox.ChangeChatAttached || h[len(h)-1].Chat != c.ID {
			t.Errorf("history %v; want the chat attached", fields(h))
		}
		if got := e.channels(cl.ID); len(got) != 3 || got[0] != (option{c.ID, inbox.WhatsApp, true, ""}) {
			t.Errorf("channels after starting = %v; want the WhatsApp chat first", got)
		}
		// The same number again is the same chat; the client's reply lands in it.
		again, err := e.svc.StartChat(e.olga.ID, e.wa.ID, cl.ID, "+79123456789")
		e.must(err)
		// The answer comes as connectors/whatsapp names a phone's chat.
		r := e.receiveExt(inbox.Inbound{Account: e.wa.ID, Peer: "79123456789", Phone: "+79123456789", ExternalID: "r1", Text: "Спасибо!"})
		if again.ID != c.ID || r.Chat != c.ID || r.Dialog != m.Dialog {
			t.Errorf("again %d, reply in chat %d dialog %d; want chat %d dialog %d", again.ID, r.Chat, r.Dialog, c.ID, m.Dialog)
		}

		for _, acc := range []inbox.AccountID{e.tg.ID, vk.ID} {
			if _, err := e.svc.StartChat(e.olga.ID, acc, cl.ID, "+79123456789"); errKey(err) != map[inbox.AccountID]string{
				e.tg.ID: "channel.tg_needs_first_message", vk.ID: "channel.vk_needs_first_message"}[acc] {
				t.Errorf("StartChat on account %d: %v", acc, err)
			}
		}
		if _, err := e.svc.StartChat(e.olga.ID, e.wa.ID, cl.ID, "12"); errKey(err) != "client.bad_phone" {
			t.Errorf("StartChat with a bad number: %v", err)
		}
	})
}

// A lead without a client starts a chat by its phone; a card with that number is found;
// a chat the number already has on the account is reused, whatever its peer's form.
func TestService_StartChat_ByPhone(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		old := e.receiveExt(inbox.Inbound{Account: e.wa.ID, Peer: "79990001122@s.whatsapp.net", Phone: "79990001122",
			ExternalID: "w1", Text: "Привет"})
		if c, err := e.svc.StartChat(e.anna.ID, e.wa.ID, 0, "8 999 000-11-22"); err != nil || c.ID != old.Chat {
			t.Errorf("StartChat with a number that has a chat = %+v, %v; want chat %d", c, err, old.Chat)
		}
		c, err := e.svc.StartChat(e.anna.ID, e.wa.ID, 0, "+7 926 111-22-33")
		e.must(err)
		if c.Client != 0 {
			t.Errorf("chat with an unknown number linked to %d", c.Client)
		}
		cl := e.saveClient(inbox.Client{Name: "Орлова Дарья", Phones: []string{"89350000002"}})
		c, err = e.svc.StartChat(e.anna.ID, e.wa.ID, 0, "79350000002")
		e.must(err)
		if c.Client != cl.ID {
			t.Errorf("chat with a card's number linked to %d; want %d", c.Client, cl.ID)
		}
	})
}

func TestService_LeadChannels(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		r := e.receive("55", "Хочу на стрижку")
		l, err := e.svc.LeadFromDialog(e.anna.ID, r.Dialog)
		e.must(err)
		l.Phone = "+7 912 000-00-01"
		l, err = e.svc.SaveLead(l)
		e.must(err)
		opts, err := e.svc.LeadChannels(l.ID)
		e.must(err)
		if len(opts) != 2 || opts[0].Chat != r.Chat || !opts[0].Available || opts[1].Network != inbox.WhatsApp ||
			!opts[1].Available || opts[1].Phone != "79120000001" {
			t.Errorf("lead channels = %+v; want its chat, then WhatsApp with its phone", opts)
		}
	})
}
