package ui

import "salonchat/inbox"

// inboxFromTelegram is a text message from a Telegram user.
func inboxFromTelegram(f *fixture, peer, text string) inbox.Inbound {
	return inbox.Inbound{Account: f.tg.ID, Peer: inbox.PeerID(peer), ChatName: "Клиент " + peer, Text: text}
}
