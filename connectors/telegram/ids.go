package telegram

import (
	"fmt"
	"strconv"
	"strings"

	"salonchat/inbox"
)

// MakePeerID names a Telegram chat (for a private chat: the user's id) as an inbox peer.
func MakePeerID(chatID int64) inbox.PeerID { return inbox.PeerID(strconv.FormatInt(chatID, 10)) }

// ParsePeerID reads back a chat id made by MakePeerID.
func ParsePeerID(p inbox.PeerID) (int64, error) {
	id, err := strconv.ParseInt(string(p), 10, 64)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("telegram peer %q: not a chat id", p)
	}
	return id, nil
}

// MakeMessageID names a message by its Telegram message_id (unique within its chat).
func MakeMessageID(messageID int) inbox.ExternalID {
	return inbox.ExternalID(strconv.Itoa(messageID))
}

// MakeEditID names one edit of a message: "<message_id>@<edit_date>". Telegram gives
// edits no id of their own; the edit date tells two edits of one message apart.
func MakeEditID(messageID, editDate int) inbox.ExternalID {
	return inbox.ExternalID(strconv.Itoa(messageID) + "@" + strconv.Itoa(editDate))
}

// ParseMessageID returns the Telegram message_id of an id made by MakeMessageID or
// MakeEditID.
func ParseMessageID(ext inbox.ExternalID) (int, error) {
	s, _, _ := strings.Cut(string(ext), "@")
	id, err := strconv.Atoi(s)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("telegram message id %q: not a message id", ext)
	}
	return id, nil
}

// A chat through a business connection (a client writing to the salon's own Telegram
// account) is a different chat from the same person's chat with the bot: its peer is
// "<chat id>@<connection id>". The chat id is digits (with a minus for groups), so the
// first "@" always ends it, whatever the opaque connection id holds.
const businessSep = "@"

// MakeBusinessPeerID names a chat through a business connection.
func MakeBusinessPeerID(chatID int64, conn inbox.ConnectionID) inbox.PeerID {
	return inbox.PeerID(strconv.FormatInt(chatID, 10) + businessSep + string(conn))
}

// ParseAnyPeerID reads back a peer made by MakePeerID (conn is then "") or by
// MakeBusinessPeerID.
func ParseAnyPeerID(p inbox.PeerID) (chatID int64, conn inbox.ConnectionID, err error) {
	chat, c, business := strings.Cut(string(p), businessSep)
	if business && c == "" {
		return 0, "", fmt.Errorf("telegram peer %q: no business connection after %q", p, businessSep)
	}
	chatID, err = ParsePeerID(inbox.PeerID(chat))
	if err != nil {
		return 0, "", fmt.Errorf("telegram peer %q: not a chat id", p)
	}
	return chatID, inbox.ConnectionID(c), nil
}
