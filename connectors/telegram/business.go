package telegram

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"salonchat/inbox"
)

// Telegram Business: the salon connects its bot to the salon's own Telegram account (the
// number on the sign); the bot then receives that account's private chats
// (business_message, edited_business_message, deleted_business_messages) and answers in
// them as the account, with business_connection_id. One bot serves its own chats and any
// number of connections, all through the same getUpdates loop.
//
// Who wrote a business message:
//   - the client: from is the client (from.id == chat.id);
//   - the salon, in Telegram itself (the owner's phone, Telegram Desktop): from is the
//     connected account (from.id == the connection's user id) → Inbound.FromAccount;
//   - SalonChat, through this bot: from is the account and sender_business_bot is this
//     bot. The outbox stored that message already from sendMessage's answer, so the
//     update is skipped: storing it again would double it, and for a message split into
//     parts the earlier parts' ids are not even known to the outbox.

// BusinessReplyWindow is how long after the client's last message Telegram lets the bot
// answer through a business connection (BUSINESS_PEER_USAGE_MISSING afterwards).
const BusinessReplyWindow = 24 * time.Hour

// Reasons of a refused business reply (translation keys). They are the network's last
// word: the domain normally refuses before sending.
const (
	// The client's last message is older than 24 hours.
	reasonWindowClosed = "telegram.business.window_closed"
	// The connection was disabled or removed in the salon's Telegram settings.
	reasonConnectionGone = "telegram.business.connection_gone"
	// The account does not let the bot reply (rights.can_reply is off).
	reasonNoReplyRights = "telegram.business.no_rights"
	// The account's settings leave this chat out of the bot's chats.
	reasonChatNotAllowed = "telegram.business.chat_not_allowed"
	// Another refusal that names the business connection.
	reasonBusinessRefused = "telegram.business.refused"
)

// businessConnection is the Bot API's BusinessConnection, read by this package rather
// than through go-telegram/bot's model: servers before Bot API 9.0 send a top-level
// can_reply, which the model lacks, and the model's rights tags are not all the
// server's (can_delete_sent_messages). Only can_reply of the rights matters here.
type businessConnection struct {
	ID         string      `json:"id"`
	User       models.User `json:"user"`
	UserChatID int64       `json:"user_chat_id"`
	Date       int64       `json:"date"`
	Rights     *struct {
		CanReply bool `json:"can_reply"`
	} `json:"rights"`
	// CanReply is Bot API 7.2–8.x's field, replaced by rights in 9.0.
	CanReply  *bool `json:"can_reply"`
	IsEnabled bool  `json:"is_enabled"`
}

// connection is what the inbox keeps of a connection.
func (b *businessConnection) connection() inbox.Connection {
	canReply := false
	switch {
	case b.Rights != nil:
		canReply = b.Rights.CanReply
	case b.CanReply != nil:
		canReply = *b.CanReply
	}
	return inbox.Connection{
		ID:          inbox.ConnectionID(b.ID),
		UserID:      MakePeerID(b.User.ID),
		Name:        joinNonEmpty(" ", b.User.FirstName, b.User.LastName),
		Username:    b.User.Username,
		CanReply:    canReply,
		Enabled:     b.IsEnabled,
		ReplyWindow: BusinessReplyWindow,
		Updated:     time.Now().UTC(),
	}
}

// getBusinessConnection asks Telegram about a connection the connector has not heard of
// (its business_connection update came before SalonChat kept connections, or was lost).
func (c *client) getBusinessConnection(ctx context.Context, id inbox.ConnectionID) (*businessConnection, error) {
	ctx, cancel := context.WithTimeout(ctx, textTimeout)
	defer cancel()
	var bc businessConnection
	if err := c.call(ctx, "getBusinessConnection", [][2]string{{"business_connection_id", string(id)}}, &bc); err != nil {
		return nil, err
	}
	return &bc, nil
}

// connections are the business connections one Run knows, by id.
type connections struct {
	mu   sync.Mutex
	byID map[inbox.ConnectionID]inbox.Connection
}

func (cs *connections) get(id inbox.ConnectionID) (inbox.Connection, bool) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	c, ok := cs.byID[id]
	return c, ok
}

func (cs *connections) put(c inbox.Connection) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.byID == nil {
		cs.byID = map[inbox.ConnectionID]inbox.Connection{}
	}
	cs.byID[c.ID] = c
}

// only returns the id of the one connection known, ok false when there are none or
// several.
func (cs *connections) only() (id inbox.ConnectionID, ok bool) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if len(cs.byID) != 1 {
		return "", false
	}
	for id := range cs.byID {
		return id, true
	}
	return "", false
}

// businessTwin is, for a (private) chat with the bot, the peer of the same person's chat
// through the salon's account (Inbound.SamePersonAs the other way round): a client who
// got a card from writing to the salon's account, then writes to the bot, is the same
// client. Only with one connection known: with several the person may have written to
// any of them, and the inbox follows one peer (the bot chat is then linked by hand,
// while each business chat still joins the bot chat's client).
func (p *poller) businessTwin(chatID int64) inbox.PeerID {
	id, ok := p.conns.only()
	if !ok {
		return ""
	}
	return MakeBusinessPeerID(chatID, id)
}

// loadConnections fills the poller's connections from the sink, so that after a restart
// the owner's messages are told from the clients' before Telegram repeats anything.
func (p *poller) loadConnections() {
	bs, ok := p.sink.(inbox.BusinessSink)
	if !ok {
		return
	}
	known, err := bs.Connections()
	if err != nil {
		// Not fatal: an unknown connection is asked for with getBusinessConnection.
		p.c.log.Warn("stored business connections not read", "err", err)
		return
	}
	for _, c := range known {
		p.conns.put(c)
	}
}

// setConnection stores what Telegram said about a connection and returns it as kept.
func (p *poller) setConnection(bc *businessConnection) (inbox.Connection, error) {
	c := bc.connection()
	if bs, ok := p.sink.(inbox.BusinessSink); ok {
		if err := bs.SetConnection(c); err != nil {
			return c, err
		}
	} else {
		p.c.log.Warn("business connection not kept: the sink keeps no connections", "connection", c.ID)
	}
	p.conns.put(c)
	p.c.log.Info("business connection", "connection", c.ID, "enabled", c.Enabled, "can_reply", c.CanReply)
	return c, nil
}

// connection returns a connection, asking Telegram when it is unknown. known is false when
// Telegram refused to tell (the connection is gone): the message is still stored. A
// temporary failure is an error, so the update is asked for again later.
func (p *poller) connection(ctx context.Context, id inbox.ConnectionID) (c inbox.Connection, known bool, err error) {
	if c, ok := p.conns.get(id); ok {
		return c, true, nil
	}
	bc, err := p.c.api.getBusinessConnection(ctx, id)
	switch {
	case err == nil:
		c, err = p.setConnection(bc)
		return c, err == nil, err
	case errors.Is(err, bot.ErrorBadRequest), errors.Is(err, bot.ErrorForbidden):
		p.c.log.Warn("business connection unknown to Telegram; its message is stored anyway", "connection", id, "err", p.c.api.logValue(err))
		return c, false, nil
	}
	return c, false, err
}

// businessInbound turns a business message into an Inbound of the chat through its
// connection. ok is false for what is not stored: SalonChat's own replies coming back
// (see the comment at the top of this file) and what toInbound skips.
func (p *poller) businessInbound(ctx context.Context, m *models.Message, edited bool) (in inbox.Inbound, files []remoteFile, ok bool, err error) {
	if b := m.SenderBusinessBot; b != nil && b.ID == p.c.api.botID {
		return in, nil, false, nil
	}
	via := inbox.ConnectionID(m.BusinessConnectionID)
	conn, known, err := p.connection(ctx, via)
	if err != nil {
		return in, nil, false, err
	}
	in, files, ok = toInbound(m, edited)
	if !ok {
		return in, nil, false, nil
	}
	in.Peer, in.Via, in.SamePersonAs = MakeBusinessPeerID(m.Chat.ID, via), via, MakePeerID(m.Chat.ID)
	// The chat is the client's in both directions; from is the salon's account when the
	// salon wrote.
	in.ChatName, in.Username = joinNonEmpty(" ", m.Chat.FirstName, m.Chat.LastName), m.Chat.Username
	if known {
		in.FromAccount = MakePeerID(m.From.ID) == conn.UserID
	} else {
		in.FromAccount = m.From.ID != m.Chat.ID
	}
	return in, files, true, nil
}

// deleted marks messages deleted in a business chat. Their content stays in SalonChat.
func (p *poller) deleted(d *models.BusinessMessagesDeleted) error {
	bs, ok := p.sink.(inbox.BusinessSink)
	if !ok {
		p.c.log.Warn("deletion not noted: the sink keeps no deletions", "connection", d.BusinessConnectionID, "messages", len(d.MessageIDs))
		return nil
	}
	ids := make([]inbox.ExternalID, 0, len(d.MessageIDs))
	for _, id := range d.MessageIDs {
		ids = append(ids, MakeMessageID(id))
	}
	return bs.Deleted(MakeBusinessPeerID(d.Chat.ID, inbox.ConnectionID(d.BusinessConnectionID)), ids, time.Now().UTC())
}

// businessFailure classifies Telegram's refusals of a reply through a business
// connection; nil when err is not one. The texts are the MTProto errors the Bot API
// passes on ("Bad Request: BUSINESS_PEER_USAGE_MISSING") and the Bot API's own
// ("Bad Request: business connection not found"). Telegram documents no error for a
// reply without the can_reply right; BOT_ACCESS_FORBIDDEN and "not enough rights" are
// what it is seen to answer. Any other 400/403 that names "business" is taken as a
// refusal of the connection too (a guess: the exact texts are not documented).
func businessFailure(err error) *inbox.SendError {
	if !errors.Is(err, bot.ErrorBadRequest) && !errors.Is(err, bot.ErrorForbidden) {
		return nil
	}
	desc := strings.ToLower(err.Error())
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(desc, s) {
				return true
			}
		}
		return false
	}
	reason := ""
	switch {
	case has("business_peer_usage_missing"):
		reason = reasonWindowClosed
	case has("business connection not found", "business_connection_invalid", "business_connection_not_allowed", "connection is disabled"):
		reason = reasonConnectionGone
	case has("business_peer_invalid"):
		reason = reasonChatNotAllowed
	case has("bot_access_forbidden", "not enough rights", "can_reply"):
		reason = reasonNoReplyRights
	case has("business"):
		reason = reasonBusinessRefused
	default:
		return nil
	}
	return &inbox.SendError{Permanent: true, Reason: reason, Err: err}
}
