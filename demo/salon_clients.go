package demo

import (
	"fmt"
	"time"

	"salonchat/inbox"
)

// addClients creates every person who was a client before the story starts, with their
// past and booked visits, then the salon's tasks and leads. People whose chat makes
// them a client (linkCreate) are left for the story.
func (g *salonGen) addClients(plans []chatPlan) error {
	later := map[int]bool{}
	for _, p := range plans {
		if p.link == linkCreate {
			later[p.person] = true
		}
	}
	for i := range people {
		if later[i] {
			continue
		}
		created := g.now.Add(-g.between(90*24*time.Hour, 700*24*time.Hour))
		if err := g.createClient(i, inbox.Client{Created: created}); err != nil {
			return err
		}
		if err := g.addVisits(i, created); err != nil {
			return err
		}
	}
	return g.addTasksAndLeads()
}

// createClient saves person i's card over base (which may already have an id).
func (g *salonGen) createClient(i int, base inbox.Client) error {
	p := people[i]
	c := base
	c.Surname, c.FirstName, c.Patronymic = p.surname, p.first, p.patronymic
	c.Name = c.FullName()
	c.Phones = []string{g.phones[i]}
	c.Notes = p.notes
	if p.mail != "" {
		c.Email = p.mail + "@" + pick(g, mailDomains)
	}
	c.Birthday = time.Date(1962+g.rnd.IntN(42), time.Month(1+g.rnd.IntN(12)), 1+g.rnd.IntN(28), 0, 0, 0, 0, time.UTC)
	saved, err := g.svc.SaveClient(g.operators[0].ID, c)
	if err != nil {
		return fmt.Errorf("client %s: %w", c.Name, err)
	}
	g.clients[i] = saved.ID
	return nil
}

// addVisits gives a client one to six visits since they first came and, for some, a
// booked one in the coming days (which templates like "Напоминание о записи" use).
func (g *salonGen) addVisits(i int, since time.Time) error {
	n := 1 + g.rnd.IntN(6)
	for range n {
		at := since.Add(g.between(0, g.now.Sub(since)))
		if err := g.addVisit(i, at); err != nil {
			return err
		}
	}
	if i%3 == 0 {
		return g.addVisit(i, g.now.Add(g.between(26*time.Hour, 12*24*time.Hour)))
	}
	return nil
}

// addVisit books a service at a working-hours slot of the day of at; its status follows
// from whether that moment has passed.
func (g *salonGen) addVisit(i int, at time.Time) error {
	s := pick(g, services)
	day := at.In(msk)
	at = time.Date(day.Year(), day.Month(), day.Day(), 10+g.rnd.IntN(9), 30*g.rnd.IntN(2), 0, 0, msk).UTC()
	status := inbox.VisitBooked
	if at.Before(g.now) {
		status = inbox.VisitCame
		switch r := g.rnd.IntN(100); {
		case r < 6:
			status = inbox.VisitNoShow
		case r < 14:
			status = inbox.VisitCancelled
		}
	}
	_, err := g.svc.SaveVisit(inbox.Visit{Client: g.clients[i], At: at, Master: pick(g, s.masters),
		Service: s.name, Price: s.price, Status: status})
	return err
}

func (g *salonGen) addTasksAndLeads() error {
	for i, t := range tasks {
		op, client := g.operators[i%len(g.operators)], g.clients[i*5]
		if client == 0 { // a client the story has yet to make
			continue
		}
		due := g.now.Add(g.between(-3*24*time.Hour, 7*24*time.Hour)).Truncate(time.Hour)
		task := inbox.Task{Client: client, Text: t.text, Due: due, Operator: op.ID, Done: t.done}
		if _, err := g.svc.SaveTask(task); err != nil {
			return err
		}
	}
	for i, l := range leads {
		lead := inbox.Lead{Want: l.want, Status: l.status, Channel: l.channel, Reason: l.reason,
			Operator: g.operators[(i+1)%len(g.operators)].ID, Created: g.now.Add(-g.between(time.Hour, 20*24*time.Hour)),
			Desired: g.now.Add(g.between(2*24*time.Hour, 14*24*time.Hour)).Truncate(24 * time.Hour)}
		if i == 0 {
			// A stranger's request: not a client yet.
			lead.Name = strangers[0]
		} else if c := g.clients[i*6]; c != 0 {
			lead.Client, lead.Name, lead.Phone = c, people[i*6].first, g.phones[i*6]
		}
		if _, err := g.svc.SaveLead(lead); err != nil {
			return err
		}
	}
	return nil
}
