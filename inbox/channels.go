package inbox

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// NumberChecker is an optional Connector ability, found by type assertion: telling
// whether a phone number can be written to on the network before a conversation is
// started with it (WhatsApp). Service.Channels offers such a start; the caller checks the
// number through the account's connector, then calls Service.StartChat.
type NumberChecker interface {
	// IsOnNetwork reports whether phone (normalised digits, see NormalizePhone) has an
	// account on the network. It blocks on a round trip to the network until ctx ends.
	IsOnNetwork(ctx context.Context, phone string) (bool, error)
}

// ChannelOption is one way to write to a client: an existing chat, or a new
// conversation on an account where the client has no chat yet.
type ChannelOption struct {
	Chat         ChatID // the existing chat; zero for a new conversation
	Account      AccountID
	AccountTitle string
	Network      Network
	// Phone is the number a new WhatsApp conversation starts with (normalised).
	Phone string
	// Available says whether a message can be written this way now. Reason is a
	// translation key: why not (channel.tg_needs_first_message, …), or, for an available
	// new WhatsApp conversation, the note channel.wa_check_number.
	Available bool
	Reason    string
	// ReasonArgs fill Reason's placeholders (when the reply window of a chat through the
	// salon's own account closed, for one).
	ReasonArgs map[string]any
	// Via is the business connection an existing chat came through (see Chat.Via), so
	// the option can say "через @lotos_salon" rather than only the bot's title.
	Via ConnectionID
	// LastActivity is the last activity of the chat's current dialog; zero for a new one.
	LastActivity time.Time
}

// Channels lists the ways to write to a client, for the card's "Написать": the client's
// chats, most recent first, then, for each enabled account of a network where the client
// has no chat, whether a conversation can be started there. WhatsApp can start one with
// the client's main phone once the number is checked (see NumberChecker and StartChat);
// a Telegram bot and a VK community can only answer people who wrote to them first, so
// those are offered as unavailable, with the reason. A merged card has none
// (client.merged): write from the card it went into.
func (s *Service) Channels(client ClientID) ([]ChannelOption, error) {
	var out []ChannelOption
	err := s.store.View(func(tx ReadTx) error {
		c, err := tx.Client(client)
		if err != nil {
			return fmt.Errorf("client %d: %w", client, err)
		}
		if c.MergedInto != 0 {
			return Errorf(CodeConflict, "client.merged", map[string]any{"Client": c.DisplayName()})
		}
		chats, err := tx.ChatsOfClient(client)
		if err != nil {
			return err
		}
		out, err = channels(tx, chats, c.MainPhone(), s.Now())
		return err
	})
	return out, err
}

// LeadChannels lists the ways to write about a lead: those of its client, or for a lead
// without a client the chat it came from and a new WhatsApp conversation with its phone.
func (s *Service) LeadChannels(id LeadID) ([]ChannelOption, error) {
	var out []ChannelOption
	err := s.store.View(func(tx ReadTx) error {
		l, err := tx.Lead(id)
		if err != nil {
			return fmt.Errorf("lead %d: %w", id, err)
		}
		var chats []Chat
		phone := l.Phone
		if l.Client != 0 {
			c, err := tx.Client(l.Client)
			if err != nil {
				return fmt.Errorf("client %d: %w", l.Client, err)
			}
			if chats, err = tx.ChatsOfClient(c.ID); err != nil {
				return err
			}
			phone = cmp.Or(c.MainPhone(), phone)
		}
		if l.Chat != 0 && !slices.ContainsFunc(chats, func(c Chat) bool { return c.ID == l.Chat }) {
			c, err := tx.Chat(l.Chat)
			if err != nil {
				return fmt.Errorf("chat %d: %w", l.Chat, err)
			}
			chats = append(chats, c)
		}
		out, err = channels(tx, chats, phone, s.Now())
		return err
	})
	return out, err
}

func channels(tx ReadTx, chats []Chat, phone string, now time.Time) ([]ChannelOption, error) {
	accounts, err := tx.Accounts()
	if err != nil {
		return nil, err
	}
	byID := map[AccountID]Account{}
	for _, a := range accounts {
		byID[a.ID] = a
	}
	out := make([]ChannelOption, 0, len(chats)+len(accounts))
	has := map[Network]bool{}
	for _, c := range chats {
		o, err := chatOption(tx, c, byID[c.Account], now)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
		has[c.Network] = true
	}
	slices.SortStableFunc(out, func(a, b ChannelOption) int { return b.LastActivity.Compare(a.LastActivity) })
	for _, a := range accounts {
		if !a.Disabled && !has[a.Network] {
			out = append(out, newChatOption(a, phone))
		}
	}
	return out, nil
}

// chatOption describes writing to an existing chat: possible unless its account is
// switched off or its settings are broken, or — for a chat through the salon's own
// account — the network would refuse a reply now (see CanReply).
func chatOption(tx ReadTx, c Chat, a Account, now time.Time) (ChannelOption, error) {
	o := ChannelOption{Chat: c.ID, Account: c.Account, AccountTitle: a.Title, Network: c.Network, Available: true,
		LastActivity: c.Created, Via: c.Via}
	if c.Dialog != 0 {
		d, err := tx.Dialog(c.Dialog)
		if err != nil {
			return o, fmt.Errorf("dialog %d: %w", c.Dialog, err)
		}
		o.LastActivity = d.LastActivity
	}
	switch {
	case a.ID == 0 || a.Disabled:
		o.Available, o.Reason = false, "channel.account_disabled"
	case a.Health.Broken():
		o.Available, o.Reason = false, "channel.account_broken"
	default:
		err := canReply(tx, c, now)
		var refusal *Error
		switch {
		case errors.As(err, &refusal):
			o.Available, o.Reason, o.ReasonArgs = false, refusal.Key, refusal.Args
		case err != nil:
			return o, err
		}
	}
	return o, nil
}

// newChatOption says whether a conversation can be started on an account with a phone.
func newChatOption(a Account, phone string) ChannelOption {
	o := ChannelOption{Account: a.ID, AccountTitle: a.Title, Network: a.Network}
	switch {
	case a.Network != WhatsApp:
		o.Reason = needsFirstMessage(a.Network)
	case phone == "":
		o.Reason = "channel.wa_needs_phone"
	case a.Health.Broken():
		o.Reason = "channel.account_broken"
	default:
		o.Available, o.Reason, o.Phone = true, "channel.wa_check_number", phone
	}
	return o
}

// needsFirstMessage is why a network cannot start a conversation: a Telegram bot and a
// VK community may only write to people who wrote to them (or allowed messages).
func needsFirstMessage(n Network) string {
	if n == VK {
		return "channel.vk_needs_first_message"
	}
	return "channel.tg_needs_first_message"
}

// WhatsAppPeer is the peer of a WhatsApp chat with a phone: the normalised phone's digits
// ("79123456789"), as connectors/whatsapp names the chats it receives from phone
// addresses (whatsapp.MakePeerID), so that the client's answer lands in the started
// chat. The connector also sends to "<digits>@s.whatsapp.net", the JID form.
func WhatsAppPeer(phone string) PeerID { return PeerID(phone) }

// StartChat makes the chat of a new WhatsApp conversation with phone on account, so that
// a message can be queued to it with Send (which opens its dialog, assigned to the
// sender, as any first reply). Check the number first (NumberChecker): StartChat itself
// touches no network. The chat is linked to client, or, when client is zero, to the
// client whose card has the phone, and the link is recorded in the card's history. An
// existing chat with that number is reused (and linked if it had no client). Telegram
// and VK accounts cannot start conversations (channel.tg_needs_first_message,
// channel.vk_needs_first_message).
func (s *Service) StartChat(op OperatorID, account AccountID, client ClientID, phone string) (Chat, error) {
	n, ok := ValidPhone(phone)
	if !ok {
		return Chat{}, Errorf(CodeInvalid, "client.bad_phone", map[string]any{"Phone": phone})
	}
	var c Chat
	err := s.update(func(tx Tx, ev *events) error {
		acc, err := sendingAccount(tx, account)
		if err != nil {
			return err
		}
		if acc.Network != WhatsApp {
			return Errorf(CodeConflict, needsFirstMessage(acc.Network), nil)
		}
		if c, err = chatOfPhone(tx, acc, n, s.Now(), ev); err != nil || c.Client != 0 {
			return err
		}
		if client == 0 {
			clients, err := tx.ClientsByPhone(n)
			if err != nil || len(clients) == 0 {
				return err
			}
			client = clients[0].ID
		}
		cl, err := tx.Client(client)
		if err != nil {
			return fmt.Errorf("client %d: %w", client, err)
		}
		if cl.MergedInto != 0 {
			return Errorf(CodeConflict, "client.merged", map[string]any{"Client": cl.DisplayName()})
		}
		log, err := newChangeLog(tx, s.Now(), op)
		if err != nil {
			return err
		}
		c.Client, c.ClientName = cl.ID, cl.DisplayName()
		return link(tx, log, c, cl, ev)
	})
	if err != nil {
		return Chat{}, err
	}
	return c, nil
}

// chatOfPhone returns the WhatsApp chat of a phone on an account — by its peer, or any
// chat of the account with that phone, whatever form its peer has — making it when there
// is none.
func chatOfPhone(tx Tx, acc Account, phone string, now time.Time, ev *events) (Chat, error) {
	peer := WhatsAppPeer(phone)
	c, ok, err := tx.ChatByPeer(acc.ID, peer)
	if err != nil || ok {
		return c, err
	}
	same, err := tx.ChatsByPhone(phone)
	if err != nil {
		return Chat{}, err
	}
	if i := slices.IndexFunc(same, func(c Chat) bool { return c.Account == acc.ID }); i >= 0 {
		return same[i], nil
	}
	c = Chat{Account: acc.ID, Network: acc.Network, Peer: peer, Phone: phone, Created: now}
	if err := tx.PutChat(&c); err != nil {
		return Chat{}, err
	}
	ev.add(Event{Kind: EventChat, Chat: c.ID})
	return c, nil
}
