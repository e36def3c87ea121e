package export

import (
	"time"

	"salonchat/inbox"
)

// The record shapes below are the file format: rename a field only with a new format.
// Times are RFC 3339 in UTC; zero times and empty fields are left out.

// Salon is the salon's own details.
type Salon struct {
	Type    string `json:"type"`
	Name    string `json:"name,omitempty"`
	Address string `json:"address,omitempty"`
	Phone   string `json:"phone,omitempty"`
}

// Account is a connected WhatsApp number, Telegram bot or VK community. Its settings
// hold tokens and are deliberately absent.
type Account struct {
	Type     string          `json:"type"`
	ID       inbox.AccountID `json:"id"`
	Network  inbox.Network   `json:"network"`
	Title    string          `json:"title"`
	Disabled bool            `json:"disabled,omitempty"`
	Health   Health          `json:"health"`
}

// Health is an account's connection state.
type Health struct {
	State  string    `json:"state"` // ok, connecting, error
	Reason string    `json:"reason,omitempty"`
	Detail string    `json:"detail,omitempty"`
	Since  time.Time `json:"since,omitzero"`
}

// Operator is a salon employee who answers in SalonChat.
type Operator struct {
	Type   string           `json:"type"`
	ID     inbox.OperatorID `json:"id"`
	Name   string           `json:"name"`
	Active bool             `json:"active"`
}

// Template is a prepared answer.
type Template struct {
	Type     string           `json:"type"`
	ID       inbox.TemplateID `json:"id"`
	Title    string           `json:"title"`
	Text     string           `json:"text"`
	Archived bool             `json:"archived,omitempty"`
}

func salonRecord(s inbox.Salon) Salon {
	return Salon{Type: "salon", Name: s.Name, Address: s.Address, Phone: s.Phone}
}

func accountRecord(a inbox.Account) Account {
	return Account{Type: "account", ID: a.ID, Network: a.Network, Title: a.Title, Disabled: a.Disabled,
		Health: Health{State: healthState(a.Health.State), Reason: a.Health.Reason, Detail: a.Health.Detail, Since: a.Health.Since}}
}

func healthState(s inbox.HealthState) string {
	switch s {
	case inbox.HealthOK:
		return "ok"
	case inbox.HealthConnecting:
		return "connecting"
	}
	return "error"
}

func operatorRecord(o inbox.Operator) Operator {
	return Operator{Type: "operator", ID: o.ID, Name: o.Name, Active: o.Active}
}

func templateRecord(t inbox.Template) Template {
	return Template{Type: "template", ID: t.ID, Title: t.Title, Text: t.Text, Archived: t.Archived}
}
