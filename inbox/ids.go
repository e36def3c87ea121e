package inbox

// Internal identifiers are sequence numbers assigned by the Store; zero means "none".
// They are distinct types so that a chat id cannot be passed where a dialog id is meant.
type (
	OperatorID uint64
	AccountID  uint64
	ChatID     uint64
	ClientID   uint64
	DialogID   uint64
	MessageID  uint64
	VisitID    uint64
	TaskID     uint64
	LeadID     uint64
	TemplateID uint64
)

// PeerID is how a network names the other side of a chat: a Telegram user id, a phone
// JID, a VK peer id. It is unique within one account.
type PeerID string

// ExternalID is the network's id of a message within a chat.
type ExternalID string
