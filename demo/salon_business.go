package demo

import (
	"fmt"
	"strings"
	"time"

	"salonchat/inbox"
)

// The salon's own Telegram account (@lotos_salon, the number on the sign) is connected
// to the salon's bot through Telegram Business, and three clients wrote to it:
//
//   - Алина asked about a manicure; the owner answered from her phone (typed in
//     Telegram, not in SalonChat), Алина wrote a message and deleted it, an
//     administrator confirmed the booking from SalonChat, and Алина's last question
//     waits for an answer;
//   - Марина asked about colouring two days ago and nobody answered: Telegram's 24-hour
//     reply window has closed, so the composer says so;
//   - a client who already writes to the bot wrote to the salon's account too: the chat
//     joins her card (Inbound.SamePersonAs).
//
// It is played after the rest of the story, on the story's clock moved back to each
// moment, and uses no randomness: the other chats stay exactly as the seed makes them.

// salonConn is the demo's business connection.
var salonConn = inbox.Connection{ID: "HrZ1lotosBC0001", UserID: "5120044512", Name: "Салон красоты Лотос",
	Username: "lotos_salon", CanReply: true, Enabled: true, ReplyWindow: 24 * time.Hour}

// businessTwin is the person whose Telegram chat with the bot (a second chat, linked by
// phone) has a twin through the salon's account.
const businessTwin = 0

// bizMsg is one message of a business chat, ago before the story's end.
type bizMsg struct {
	ago     time.Duration
	text    string
	phone   bool          // typed by the salon on its own account (the owner's phone)
	deleted time.Duration // > 0: the client deleted it this long after sending
	op      bool          // an administrator's answer from SalonChat
}

func (g *salonGen) business(plans []chatPlan) error {
	bot := g.accounts[inbox.Telegram]
	conn := salonConn
	conn.Account = bot.ID
	g.clk.now = g.now.Add(-30 * 24 * time.Hour)
	if err := g.svc.SetConnection(conn); err != nil {
		return err
	}
	twin, user, err := twinPeer(plans)
	if err != nil {
		return err
	}
	p := people[businessTwin]
	chats := []struct {
		user           int64
		name, username string
		twin           inbox.PeerID
		msgs           []bizMsg
	}{
		{user: 6011223344, name: "Алина Соколова", username: "alina_sok", msgs: []bizMsg{
			{ago: 3*time.Hour + 10*time.Minute, text: "Здравствуйте! Есть свободное время на маникюр в пятницу после 18:00?"},
			{ago: 3*time.Hour + 2*time.Minute, text: "Добрый день, Алина! В пятницу в 18:30 свободна Ирина, записать вас?", phone: true},
			{ago: 2*time.Hour + 55*time.Minute, text: "А можно сразу двоих, я с подругой?", deleted: 2 * time.Minute},
			{ago: 2*time.Hour + 51*time.Minute, text: "Да, запишите, пожалуйста, только меня"},
			{ago: 2*time.Hour + 40*time.Minute, text: "Записали вас на пятницу, 18:30, маникюр с покрытием у Ирины. До встречи!", op: true},
			{ago: 25 * time.Minute, text: "Спасибо! А картой у вас можно оплатить?"},
		}},
		{user: 6099887766, name: "Марина", msgs: []bizMsg{
			{ago: 2*24*time.Hour + 3*time.Hour, text: "Добрый вечер! Сколько стоит окрашивание на длинные волосы?"},
		}},
		{user: user, name: p.first + " " + p.surname, username: strings.ReplaceAll(p.mail, ".", "_"), twin: twin, msgs: []bizMsg{
			{ago: 50 * time.Minute, text: "Здравствуйте! Можно перенести мою запись на четверг, на то же время?"},
		}},
	}
	for _, c := range chats {
		peer := inbox.PeerID(fmt.Sprintf("%d@%s", c.user, conn.ID))
		if err := g.businessChat(conn, peer, c.name, c.username, c.twin, c.msgs); err != nil {
			return fmt.Errorf("business chat %s: %w", c.name, err)
		}
	}
	g.clk.now = g.now
	return nil
}

// businessChat plays one chat through the salon's account.
func (g *salonGen) businessChat(conn inbox.Connection, peer inbox.PeerID, name, username string, twin inbox.PeerID, msgs []bizMsg) error {
	var chat inbox.ChatID
	for i, m := range msgs {
		g.clk.now = g.now.Add(-m.ago)
		ext := inbox.ExternalID(fmt.Sprint(101 + i))
		if m.op {
			if err := g.businessAnswer(chat, ext, m.text); err != nil {
				return err
			}
			continue
		}
		res, err := g.svc.Receive(inbox.Inbound{Account: conn.Account, Peer: peer, Via: conn.ID, ChatName: name,
			Username: username, ExternalID: ext, At: g.clk.now, Text: m.text, FromAccount: m.phone, SamePersonAs: twin})
		if err != nil {
			return err
		}
		chat = res.Chat
		if m.deleted > 0 {
			g.clk.now = g.clk.now.Add(m.deleted)
			if err := g.svc.MarkDeleted(conn.Account, peer, []inbox.ExternalID{ext}, g.clk.now); err != nil {
				return err
			}
		}
	}
	return nil
}

// businessAnswer is an administrator's reply from SalonChat: opened, sent, delivered
// and read.
func (g *salonGen) businessAnswer(chat inbox.ChatID, ext inbox.ExternalID, text string) error {
	c, err := g.svc.Chat(chat)
	if err != nil {
		return err
	}
	if err := g.svc.MarkRead(c.Dialog); err != nil {
		return err
	}
	m, err := g.svc.Send(g.operators[0].ID, inbox.Outgoing{Chat: chat, Text: text})
	if err != nil {
		return err
	}
	for _, d := range []inbox.Delivery{{State: inbox.Sent, ExternalID: ext, At: g.clk.now.Add(2 * time.Second)},
		{State: inbox.Read, At: g.clk.now.Add(3 * time.Minute)}} {
		if _, err := g.svc.UpdateDelivery(m.ID, d); err != nil {
			return err
		}
	}
	return nil
}

// twinPeer is the peer of businessTwin's chat with the bot, and the Telegram user id in
// it: in a private chat the chat id is the user's id, so the same person's chat through
// the salon's account has it too.
func twinPeer(plans []chatPlan) (inbox.PeerID, int64, error) {
	for _, p := range plans {
		if p.person == businessTwin && p.net == inbox.Telegram {
			var id int64
			_, err := fmt.Sscan(string(p.peer), &id)
			return p.peer, id, err
		}
	}
	return "", 0, fmt.Errorf("person %d has no Telegram chat", businessTwin)
}
