package ui

import (
	"salonchat/inbox"
)

// Telegram Business in the window: a chat that came through the salon's own account
// (Chat.Via) says so in its row and header, and shows "!" when that connection cannot
// carry replies. The connections are cached beside the accounts (UI.conns) and
// refreshed with them on EventAccount, so binding a row reads nothing from the store.

// loadConnections re-reads every account's business connections. Called with
// loadAccounts, whose accounts it walks.
func (u *UI) loadConnections() error {
	conns := make(map[inbox.AccountID]map[inbox.ConnectionID]inbox.Connection)
	for id := range u.accounts {
		cs, err := u.svc.Connections(id)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			continue
		}
		m := make(map[inbox.ConnectionID]inbox.Connection, len(cs))
		for _, c := range cs {
			m[c.ID] = c
		}
		conns[id] = m
	}
	u.conns = conns
	return nil
}

// connectionOf is the cached business connection a chat came through; ok is false for
// a chat with the account itself. A connection never heard of (a chat older than its
// record) reads as removed, the way the Service's CanReply treats it.
func (u *UI) connectionOf(ch inbox.Chat) (c inbox.Connection, ok bool) {
	if ch.Via == "" {
		return inbox.Connection{}, false
	}
	if c, ok := u.conns[ch.Account][ch.Via]; ok {
		return c, true
	}
	return inbox.Connection{Account: ch.Account, ID: ch.Via}, true
}

// connectionName is how a connection is named on screen: its Label, else (a connection
// whose account the network never described) the network's word for the salon's
// account.
func (u *UI) connectionName(c inbox.Connection) string {
	if l := c.Label(); l != "" {
		return l
	}
	return u.tr.T("business_ui.salon_account")
}

// connectionProblem is why a connection cannot carry replies and what to do, in full,
// or "" when it can.
func (u *UI) connectionProblem(c inbox.Connection) string {
	key := c.Problem()
	if key == "" {
		return ""
	}
	return u.tr.T(key, map[string]any{"Account": c.Label()})
}

// businessProblem is the reason behind the "!" of a chat that came through a business
// connection which cannot carry replies, or "" (a chat with the account itself, or a
// working connection).
func (u *UI) businessProblem(ch inbox.Chat) string {
	if c, ok := u.connectionOf(ch); ok {
		return u.connectionProblem(c)
	}
	return ""
}

// channelName names where a chat is, for lists that mix a client's chats (the client
// panel): the network, and for a chat through the salon's own account which one, so
// that it is told apart from the same person's chat with the bot.
func (u *UI) channelName(ch inbox.Chat) string {
	c, ok := u.connectionOf(ch)
	if !ok {
		return u.networkName(ch.Network)
	}
	return u.tr.T("business_ui.channel", map[string]any{"Network": u.networkName(ch.Network), "Account": u.connectionName(c)})
}
