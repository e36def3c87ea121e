package export

import (
	"time"

	"salonchat/inbox"
)

// Client is the salon's customer with the visits, tasks and leads of their card.
type Client struct {
	Type       string         `json:"type"`
	ID         inbox.ClientID `json:"id"`
	Name       string         `json:"name"`
	Surname    string         `json:"surname,omitempty"`
	FirstName  string         `json:"first_name,omitempty"`
	Patronymic string         `json:"patronymic,omitempty"`
	Phones     []string       `json:"phones,omitempty"`
	Email      string         `json:"email,omitempty"`
	Birthday   string         `json:"birthday,omitempty"` // YYYY-MM-DD
	Notes      string         `json:"notes,omitempty"`
	Created    time.Time      `json:"created,omitzero"`
	Visits     []Visit        `json:"visits,omitempty"`
	Tasks      []Task         `json:"tasks,omitempty"`
	Leads      []Lead         `json:"leads,omitempty"`
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
	Created  time.Time        `json:"created,omitzero"`
}

func clientRecord(c inbox.Client, visits []inbox.Visit, tasks []inbox.Task, leads []inbox.Lead) Client {
	r := Client{Type: "client", ID: c.ID, Name: c.Name, Surname: c.Surname, FirstName: c.FirstName,
		Patronymic: c.Patronymic, Phones: c.Phones, Email: c.Email, Notes: c.Notes, Created: c.Created}
	if !c.Birthday.IsZero() {
		r.Birthday = c.Birthday.Format(time.DateOnly)
	}
	for _, v := range visits {
		r.Visits = append(r.Visits, Visit{ID: v.ID, At: v.At, Master: v.Master, Service: v.Service, Price: v.Price, Status: v.Status})
	}
	for _, t := range tasks {
		r.Tasks = append(r.Tasks, Task{ID: t.ID, Text: t.Text, Due: t.Due, Operator: t.Operator, Done: t.Done})
	}
	for _, l := range leads {
		r.Leads = append(r.Leads, Lead{ID: l.ID, Name: l.Name, Phone: l.Phone, Channel: l.Channel, Want: l.Want,
			Desired: l.Desired, Status: l.Status, Reason: l.Reason, Operator: l.Operator, Created: l.Created})
	}
	return r
}
