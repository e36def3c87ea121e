package demo

import (
	"fmt"
	"time"

	"salonchat/inbox"
)

// finish lays out what the operators did to a dialog after its last message.
func (b *storyBuilder) finish(e ending) {
	g, admin := b.g, b.g.operators[0].ID
	switch e {
	case endUnansweredAssigned:
		b.after(5*time.Minute, 30*time.Minute)
		b.op = 1 + g.rnd.IntN(len(g.operators)-1)
		b.link()
		to := b.operator()
		b.act(func(d inbox.DialogID) error { return g.svc.Assign(admin, d, to) })
	case endPostponedAwaiting, endPostponed:
		b.after(time.Minute, 40*time.Minute)
		b.link()
		until := g.now.Add(g.between(24*time.Hour, 5*24*time.Hour))
		b.postpone(morning(until).Sub(b.t), false)
	case endReturned:
		b.after(time.Minute, 10*time.Minute)
		wait := morning(b.t.Add(24 * time.Hour)).Sub(b.t)
		b.postpone(wait, true)
		b.t = b.t.Add(wait + time.Minute)
		b.at(b.t, func() error { _, err := g.svc.ReturnDue(); return err })
	case endUnassigned:
		b.after(10*time.Minute, 60*time.Minute)
		b.act(func(d inbox.DialogID) error { return g.svc.Assign(admin, d, 0) })
	case endSpam:
		b.after(10*time.Minute, 60*time.Minute)
		b.act(func(d inbox.DialogID) error { return g.svc.CloseDialog(admin, d) })
	case endClosed:
		b.after(5*time.Minute, 60*time.Minute)
		op := b.operator()
		b.act(func(d inbox.DialogID) error { return g.svc.CloseDialog(op, d) })
	}
}

// postpone puts the dialog aside for wait. A relative wait keeps its length when the
// dialog is moved back in time (so that a postponement still ends before the return);
// otherwise the moment stays where it is, in the future.
func (b *storyBuilder) postpone(wait time.Duration, relative bool) {
	g, op, until := b.g, b.operator(), b.t.Add(wait)
	b.act(func(d inbox.DialogID) error {
		if relative {
			until = g.clk.now.Add(wait)
		}
		return g.svc.Postpone(op, d, until)
	})
}

// act schedules an operator's action on the chat's current dialog; the operator opens
// the dialog first, which marks it read.
func (b *storyBuilder) act(fn func(inbox.DialogID) error) {
	g, run := b.g, b.run
	b.at(b.t, func() error {
		c, err := g.svc.Chat(run.id)
		if err != nil {
			return err
		}
		if err := g.svc.MarkRead(c.Dialog); err != nil {
			return err
		}
		return fn(c.Dialog)
	})
}

// morning is 10:00 Moscow time on the day of t.
func morning(t time.Time) time.Time {
	d := t.In(msk)
	return time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, msk).UTC()
}

// play runs the story's events in order with the clock at each event's moment, and
// leaves the clock at the story's end.
func (g *salonGen) play(evs []event) error {
	for _, e := range evs {
		g.clk.now = e.at
		if err := e.do(); err != nil {
			return fmt.Errorf("at %s: %w", e.at.Format(time.RFC3339), err)
		}
	}
	g.clk.now = g.now
	return nil
}

func (g *salonGen) receive(run *chatRun, in inbox.Inbound) error {
	in.At = g.clk.now
	res, err := g.svc.Receive(in)
	if err != nil {
		return err
	}
	run.id = res.Chat
	return nil
}

// send sends an operator's message, filled from a template when tpl names one, and
// notes its id for the delivery events that follow.
func (g *salonGen) send(run *chatRun, op inbox.OperatorID, out inbox.Outgoing, tpl string, id *inbox.MessageID) error {
	out.Chat = run.id
	if tpl != "" {
		data, err := g.svc.TemplateData(op, run.id)
		if err != nil {
			return err
		}
		data.Location = msk
		var problems []inbox.FieldProblem
		if out.Text, problems = inbox.RenderTemplate(g.templates[tpl].Text, data); len(problems) > 0 {
			return fmt.Errorf("template %q in chat %d: %s: %s", tpl, run.id, problems[0].Field, problems[0].Reason)
		}
	}
	m, err := g.svc.Send(op, out)
	*id = m.ID
	return err
}

func (g *salonGen) deliver(id *inbox.MessageID, d inbox.Delivery) error {
	_, err := g.svc.UpdateDelivery(*id, d)
	return err
}

// createFromChat makes a client of a chat, as an operator does from the chat header,
// fills in the card, and books the visit the conversation was about.
func (g *salonGen) createFromChat(run *chatRun, op inbox.OperatorID, t time.Time) error {
	cl, err := g.svc.CreateClientFromChat(op, run.id)
	if err != nil {
		return err
	}
	i := run.plan.person
	if err := g.createClient(i, cl); err != nil {
		return err
	}
	return g.addVisit(i, t.Add(g.between(24*time.Hour, 6*24*time.Hour)))
}
