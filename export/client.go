package export

import (
	"time"

	"salonchat/inbox"
)

// Client is the salon's customer with the visits, tasks, leads and history of their
// card. A card merged into another is exported too, with merged_into.
type Client struct {
	Type       string         `json:"type"`
	ID         inbox.ClientID `json:"id"`
	Name       string         `json:"name"`
	Surname    string         `json:"surname,omitempty"`
	FirstName  string         `json:"first_name,omitempty"`
	Patronymic string         `json:"patronymic,omitempty"`
	Phones     []string       `json:"phones,omitempty"` // the first is the main one
	Email      string         `json:"email,omitempty"`
	Birthday   string         `json:"birthday,omitempty"` // YYYY-MM-DD
	Gender     inbox.Gender   `json:"gender,omitempty"`   // female, male
	Notes      string         `json:"notes,omitempty"`
	Source     string         `json:"source,omitempty"`
	Consent    bool           `json:"consent"`
	MergedInto inbox.ClientID `json:"merged_into,omitempty"`
	Created    time.Time      `json:"created,omitzero"`
	Visits     []Visit        `json:"visits,omitempty"`
	Tasks      []Task         `json:"tasks,omitempty"`
	Leads      []Lead         `json:"leads,omitempty"`
	History    []Change       `json:"history,omitempty"`
}

// Change is one entry of a card's history: a field edit (field, old, new), or an event
// (created, chat_attached, chat_detached, merged_from, merged_into).
type Change struct {
	At           time.Time        `json:"at"`
	Operator     inbox.OperatorID `json:"operator,omitempty"`
	OperatorName string           `json:"operator_name,omitempty"`
	Field        string           `json:"field"`
	Old          string           `json:"old,omitempty"`
	New          string           `json:"new,omitempty"`
	Chat         inbox.ChatID     `json:"chat,omitempty"`
	Other        inbox.ClientID   `json:"other,omitempty"`
}

// Visit is an appointment; Price is in kopecks.
type Visit struct {
	ID      inbox.VisitID     `json:"id"`
	At      time.Time         `json:"at"`
	Master  string            `json:"master,omitempty"`
	Service string            `json:"service,omitempty"`
	Price   int64             `json:"price"`
	Status  inbox.VisitStatus `json:"status"`
}

// Task is a to-do about the client.
type Task struct {
	ID       inbox.TaskID     `json:"id"`
	Text     string           `json:"text"`
	Due      time.Time        `json:"due,omitzero"`
	Operator inbox.OperatorID `json:"operator,omitempty"`
	Done     bool             `json:"done"`
}

// Lead is a request (заявка).
type Lead struct {
	ID       inbox.LeadID     `json:"id"`
	Name     string           `json:"name,omitempty"`
	Phone    string           `json:"phone,omitempty"`
	Channel  inbox.Network    `json:"channel,omitempty"`
	Want     string           `json:"want,omitempty"`
	Desired  time.Time        `json:"desired,omitzero"`
	Status   inbox.LeadStatus `json:"status"`
	Reason   string           `json:"reason,omitempty"`
	Operator inbox.OperatorID `json:"operator,omitempty"`
	Chat     inbox.ChatID     `json:"chat,omitempty"`   // where it was made, if from a dialog
	Dialog   inbox.DialogID   `json:"dialog,omitempty"` // idem
	Created  time.Time        `json:"created,omitzero"`
}

// LeadRecord is a lead of nobody yet (no client): its own line, type "lead". Leads of a
// client are in the client's record.
type LeadRecord struct {
	Type string `json:"type"`
	Lead
}

// card is a client's card as the export reads it.
type card struct {
	client  inbox.Client
	visits  []inbox.Visit
	tasks   []inbox.Task
	leads   []inbox.Lead
	history []inbox.ClientChange
}

func clientRecord(cd card) Client {
	c := cd.client
	r := Client{Type: "client", ID: c.ID, Name: c.Name, Surname: c.Surname, FirstName: c.FirstName,
		Patronymic: c.Patronymic, Phones: c.Phones, Email: c.Email, Gender: c.Gender, Notes: c.Notes,
		Source: c.Source, Consent: c.Consent, MergedInto: c.MergedInto, Created: c.Created}
	if !c.Birthday.IsZero() {
		r.Birthday = c.Birthday.Format(time.DateOnly)
	}
	visits, tasks, leads := cd.visits, cd.tasks, cd.leads
	for _, v := range visits {
		r.Visits = append(r.Visits, Visit{ID: v.ID, At: v.At, Master: v.Master, Service: v.Service, Price: v.Price, Status: v.Status})
	}
	for _, t := range tasks {
		r.Tasks = append(r.Tasks, Task{ID: t.ID, Text: t.Text, Due: t.Due, Operator: t.Operator, Done: t.Done})
	}
	for _, l := range leads {
		r.Leads = append(r.Leads, leadOf(l))
	}
	for _, h := range cd.history {
		r.History = append(r.History, Change{At: h.At, Operator: h.Operator, OperatorName: h.OperatorName,
			Field: h.Field, Old: h.Old, New: h.New, Chat: h.Chat, Other: h.Other})
	}
	return r
}

func leadOf(l inbox.Lead) Lead {
	return Lead{ID: l.ID, Name: l.Name, Phone: l.Phone, Channel: l.Channel, Want: l.Want, Desired: l.Desired,
		Status: l.Status, Reason: l.Reason, Operator: l.Operator, Chat: l.Chat, Dialog: l.Dialog, Created: l.Created}
}
