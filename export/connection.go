package export

import (
	"time"

	"salonchat/inbox"
)

// Connection is a salon's own account connected to one of the accounts (Telegram
// Business): the chats with Via came through it.
type Connection struct {
	Type     string             `json:"type"`
	Account  inbox.AccountID    `json:"account"`
	ID       inbox.ConnectionID `json:"id"`
	UserID   inbox.PeerID       `json:"user_id,omitempty"`
	Name     string             `json:"name,omitempty"`
	Username string             `json:"username,omitempty"`
	CanReply bool               `json:"can_reply"`
	Enabled  bool               `json:"enabled"`
	// ReplyWindow is in seconds; 0 means no limit.
	ReplyWindow int64     `json:"reply_window,omitempty"`
	Updated     time.Time `json:"updated,omitzero"`
}

func connectionRecord(c inbox.Connection) Connection {
	return Connection{Type: "connection", Account: c.Account, ID: c.ID, UserID: c.UserID, Name: c.Name,
		Username: c.Username, CanReply: c.CanReply, Enabled: c.Enabled,
		ReplyWindow: int64(c.ReplyWindow / time.Second), Updated: c.Updated}
}

// connections writes the business connections of the accounts.
func (x exporter) connections(accounts []inbox.Account) error {
	for _, a := range accounts {
		cs, err := x.tx.Connections(a.ID)
		if err != nil {
			return err
		}
		if err := encodeAll(x.enc, cs, connectionRecord); err != nil {
			return err
		}
	}
	return nil
}
