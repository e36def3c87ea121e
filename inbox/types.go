package inbox

import (
	"strings"
	"time"
)

// Operator is a salon employee who answers clients in SalonChat.
type Operator struct {
	ID     OperatorID
	Name   string
	Active bool
}

// Network is the kind of messenger an account connects to.
type Network string

const (
	Telegram Network = "telegram"
	WhatsApp Network = "whatsapp"
	VK       Network = "vk"
)

// Networks lists every supported network in display order.
var Networks = []Network{WhatsApp, Telegram, VK}

// Valid reports whether n is a supported network.
func (n Network) Valid() bool { return n == Telegram || n == WhatsApp || n == VK }

// HealthState is how an account's connection is doing.
type HealthState int

const (
	// HealthOK: connected and working.
	HealthOK HealthState = iota
	// HealthConnecting: transient trouble (network down, rate limit); retrying on its own.
	HealthConnecting
	// HealthError: the settings are broken (token revoked, number unlinked); a person must
	// act. Only this state shows the "!" badge.
	HealthError
)

// Health is an account's connection state with a reason an administrator can read.
type Health struct {
	State HealthState
	// Reason is a translation key (e.g. "health.token_invalid"); Detail is the technical
	// text for the log and the tooltip, never a secret.
	Reason string
	Detail string
	Since  time.Time
}

// Broken reports whether the account needs a person's attention ("!").
func (h Health) Broken() bool { return h.State == HealthError }

// Account is one connected "внешняя система": a Telegram bot, a WhatsApp number, a VK
// community. Accounts are disabled, never deleted, so their history stays.
type Account struct {
	ID       AccountID
	Network  Network
	Title    string
	Settings map[string]string
	Disabled bool
	Health   Health
}

// Chat is one external peer on one account. It may be linked to a Client.
type Chat struct {
	ID       ChatID
	Account  AccountID
	Network  Network
	Peer     PeerID
	Name     string
	Username string
	// Phone is normalised (see NormalizePhone); empty when the network did not share it.
	Phone  string
	Client ClientID
	// ClientName is the linked client's display name, kept here so that the chat list and
	// the name search need no second lookup.
	ClientName string
	// Dialog is the chat's current (live or last) dialog.
	Dialog  DialogID
	Created time.Time
	// Via is the business connection the chat came through (a client writing to the
	// salon's own Telegram account, answered by the account's bot); empty for a chat with
	// the account itself. Part of the chat's identity: the connector puts it in the peer.
	Via ConnectionID
}

// Title is what the chat list and the dialog header show: the client's name when the
// chat is linked, else the chat's own name, else its phone or peer.
func (c Chat) Title() string {
	switch {
	case c.ClientName != "":
		return c.ClientName
	case c.Name != "":
		return c.Name
	case c.Phone != "":
		return FormatPhone(c.Phone)
	case c.Username != "":
		return "@" + c.Username
	}
	return string(c.Peer)
}

// ConnectionID is a network's id of a business connection.
type ConnectionID string

// Connection is the salon's own account on a network (its Telegram account, the number on
// the sign) connected to one of SalonChat's accounts (a Telegram bot), so that the bot
// receives that account's private chats and answers in them as the account (Telegram
// Business). Connections are kept per account and never deleted: a removed connection
// stays, disabled, so its chats still say where they came from.
type Connection struct {
	Account AccountID
	ID      ConnectionID
	// UserID is the connected account's own user id on the network: a business message
	// from it was typed by the salon (the owner's phone), not by a client.
	UserID   PeerID
	Name     string
	Username string
	// CanReply is whether the account lets the bot answer in its chats.
	CanReply bool
	// Enabled is false once the account disabled or removed the connection.
	Enabled bool
	// ReplyWindow is how long after the client's last message a reply may still go out
	// (Telegram: 24 hours); 0 means no limit.
	ReplyWindow time.Duration
	Updated     time.Time
}

// Problem is a translation key saying why the connection cannot carry replies (the "!"
// in Внешние системы and on its chats), or "" when it can.
func (c Connection) Problem() string {
	switch {
	case !c.Enabled:
		return "connection.disabled"
	case !c.CanReply:
		return "connection.no_reply_rights"
	}
	return ""
}

// Label is how the connected account is named in lists: "@username", else its name.
func (c Connection) Label() string {
	if c.Username != "" {
		return "@" + c.Username
	}
	return c.Name
}

// Client is the salon's customer.
type Client struct {
	ID ClientID
	// Name is how the client is listed (наименование); a client made from a chat starts
	// with the phone number here. Surname, FirstName and Patronymic are filled when known.
	Name       string
	Surname    string
	FirstName  string
	Patronymic string
	// Phones are normalised (see NormalizePhone) and distinct; Phones[0] is the main one.
	Phones   []string
	Email    string
	Birthday time.Time // zero when unknown; the date counts, the time of day does not
	Gender   Gender
	Notes    string
	// Source is where the client came from, as the salon writes it ("пришёл из Instagram").
	Source string
	// Consent is the client's consent to receive messages (mailings, reminders). SalonChat
	// records it and shows it; answering a client who wrote first needs none.
	Consent bool
	// MergedInto is set when this card turned out to be a double of another client and
	// was merged into it (see Service.MergeClients). A merged card is kept, never
	// deleted, but is left out of lists, searches and phone lookups.
	MergedInto ClientID
	Created    time.Time
}

// Gender is a client's gender as the card records it; empty when not known.
type Gender string

const (
	GenderUnknown Gender = ""
	GenderFemale  Gender = "female"
	GenderMale    Gender = "male"
)

// Valid reports whether g is one of the known values (empty included).
func (g Gender) Valid() bool { return g == GenderUnknown || g == GenderFemale || g == GenderMale }

// MainPhone is the client's main phone (normalised), or "".
func (c Client) MainPhone() string {
	if len(c.Phones) == 0 {
		return ""
	}
	return c.Phones[0]
}

// VisitStatus is where a booked visit stands.
type VisitStatus string

const (
	VisitBooked    VisitStatus = "booked"    // записан
	VisitCame      VisitStatus = "came"      // пришёл
	VisitNoShow    VisitStatus = "no_show"   // не пришёл
	VisitCancelled VisitStatus = "cancelled" // отменён
)

// Visit is a client's appointment at the salon.
type Visit struct {
	ID      VisitID
	Client  ClientID
	At      time.Time
	Master  string
	Service string
	Price   int64 // kopecks
	Status  VisitStatus
}

// Task is a to-do about a client ("перезвонить после больничного мастера").
type Task struct {
	ID       TaskID
	Client   ClientID
	Text     string
	Due      time.Time
	Operator OperatorID
	Done     bool
}

// LeadStatus is where a lead (заявка) stands.
type LeadStatus string

const (
	LeadNew      LeadStatus = "new"      // новая
	LeadWorking  LeadStatus = "working"  // в работе
	LeadBooked   LeadStatus = "booked"   // записан
	LeadRejected LeadStatus = "rejected" // отказ
)

// LeadStatuses lists every lead status in the order the list's filters show them.
var LeadStatuses = []LeadStatus{LeadNew, LeadWorking, LeadBooked, LeadRejected}

// Valid reports whether s is a known lead status.
func (s LeadStatus) Valid() bool {
	return s == LeadNew || s == LeadWorking || s == LeadBooked || s == LeadRejected
}

// Lead is a request from a possible or existing client (заявка).
type Lead struct {
	ID     LeadID
	Client ClientID // zero when the person is not a client yet
	// Name and Phone (normalised) say who asked when there is no client yet.
	Name    string
	Phone   string
	Channel Network // where the request came from
	Want    string  // what is wanted
	Desired time.Time
	Status  LeadStatus
	Reason  string // why rejected; required with LeadRejected, empty otherwise
	// Operator is the responsible operator (zero: nobody yet).
	Operator OperatorID
	// Chat and Dialog are where the request was made, for a lead made from a dialog
	// (Service.LeadFromDialog); zero otherwise.
	Chat    ChatID
	Dialog  DialogID
	Created time.Time
}

// Template is a prepared answer with fields such as {Клиент.Имя}. Templates are
// archived, never deleted: sent messages keep their own text anyway.
type Template struct {
	ID       TemplateID
	Title    string
	Text     string
	Archived bool
}

// Salon holds the salon's own details that templates use.
type Salon struct {
	Name    string
	Address string
	Phone   string
}

// FullName is "Фамилия Имя Отчество" from the parts that are known, or "".
func (c Client) FullName() string {
	var parts []string
	for _, p := range []string{c.Surname, c.FirstName, c.Patronymic} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// DisplayName is what lists show: the name, else the full name, else the main phone.
func (c Client) DisplayName() string {
	switch {
	case c.Name != "":
		return c.Name
	case c.FullName() != "":
		return c.FullName()
	case len(c.Phones) > 0:
		return FormatPhone(c.Phones[0])
	}
	return ""
}
