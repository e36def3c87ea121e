package demo

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"salonchat/inbox"
)

// planned is a message decided before the dialog is stored, so that the dialog is put
// once with its final class and time and only its preview changes afterwards.
type planned struct {
	dir inbox.Direction
	at  time.Time
}

// dialog writes one dialog of n messages starting at *at, and moves *at past it.
func (g *gen) dialog(tx inbox.Tx, c *inbox.Chat, n int, live bool, at *time.Time) (inbox.DialogID, error) {
	plan := g.plan(n, at)
	d := inbox.Dialog{Chat: c.ID, Status: inbox.DialogClosed, Opened: plan[0].at, LastActivity: plan[n-1].at}
	if g.pct(90) {
		d.Assignee = g.ops[g.rng.IntN(len(g.ops))].ID
	}
	if live {
		g.liveState(&d, plan)
	} else {
		d.Closed = d.LastActivity.Add(time.Duration(1+g.rng.IntN(120)) * time.Minute)
	}
	if err := tx.PutDialog(&d); err != nil {
		return 0, err
	}
	for i, p := range plan {
		m := g.message(c, &d, i, p)
		if err := tx.AppendMessage(&m); err != nil {
			return 0, err
		}
		if p.dir != inbox.DirSystem {
			d.LastMessage, d.Preview, d.PreviewDirection = m.ID, preview(m.Text), p.dir
		}
	}
	return d.ID, tx.PutDialog(&d)
}

// plan draws directions and times: the first message is the client's, then 39 % inbound,
// 54 % outbound and 7 % system, which with the first ones gives 50/44/6 overall.
func (g *gen) plan(n int, at *time.Time) []planned {
	plan := make([]planned, n)
	for i := range plan {
		*at = at.Add(time.Duration(1+g.rng.IntN(120)) * time.Minute)
		dir := inbox.DirInbound
		if r := g.rng.IntN(1000); i > 0 && r >= 392 {
			dir = inbox.DirOutbound
			if r >= 927 {
				dir = inbox.DirSystem
			}
		}
		plan[i] = planned{dir: dir, at: *at}
	}
	return plan
}

// liveState makes a dialog open (four in five) or postponed, awaiting when the client
// wrote last, with its unread count and waiting time.
func (g *gen) liveState(d *inbox.Dialog, plan []planned) {
	d.Status = inbox.DialogOpen
	if g.pct(20) {
		d.Status = inbox.DialogPostponed
		d.PostponedUntil = g.now.Add(time.Duration(g.rng.IntN(16*24)-2*24) * time.Hour)
	}
	if g.pct(35) {
		d.Assignee = 0
	}
	for i := len(plan) - 1; i >= 0 && plan[i].dir != inbox.DirOutbound; i-- {
		if plan[i].dir == inbox.DirInbound {
			d.Awaiting = true
			d.Unread++
			d.WaitingSince = plan[i].at
		}
	}
}

func (g *gen) message(c *inbox.Chat, d *inbox.Dialog, i int, p planned) inbox.Message {
	m := inbox.Message{Chat: c.ID, Dialog: d.ID, Direction: p.dir, At: p.at}
	switch p.dir {
	case inbox.DirInbound:
		m.ExternalID = inbox.ExternalID("in" + strconv.FormatUint(uint64(d.ID), 10) + "." + strconv.Itoa(i))
		m.Text = g.text(inboundPhrases)
	case inbox.DirOutbound:
		m.Author = d.Assignee
		m.Text = g.text(outboundPhrases)
		m.Delivery = g.delivery(p.at, inbox.ExternalID("out"+strconv.FormatUint(uint64(d.ID), 10)+"."+strconv.Itoa(i)))
	default:
		op := g.ops[g.rng.IntN(len(g.ops))]
		m.System = &inbox.SystemEvent{Kind: inbox.SysTaken, Operator: op.ID, OperatorName: op.Name}
	}
	if p.dir != inbox.DirSystem && g.pct(4) {
		m.Attachments = []inbox.Attachment{g.attachment()}
	}
	return m
}

func (g *gen) delivery(at time.Time, ext inbox.ExternalID) *inbox.Delivery {
	x := &inbox.Delivery{State: inbox.Read, ExternalID: ext, At: at.Add(time.Minute), Attempts: 1}
	switch r := g.rng.IntN(100); {
	case r < 1:
		x.State, x.Reason, x.ExternalID = inbox.Failed, "delivery.blocked", ""
	case r < 4:
		x.State = inbox.Sent
	case r < 10:
		x.State = inbox.Delivered
	}
	return x
}

func (g *gen) attachment() inbox.Attachment {
	n := strconv.Itoa(1000 + g.rng.IntN(9000))
	switch r := g.rng.IntN(10); {
	case r < 6:
		return inbox.Attachment{Kind: inbox.AttachImage, Name: "IMG_" + n + ".jpg", MIME: "image/jpeg",
			Size: int64(50_000 + g.rng.IntN(3_000_000)), RemoteID: "f" + n}
	case r < 8:
		return inbox.Attachment{Kind: inbox.AttachFile, Name: "прайс_" + n + ".pdf", MIME: "application/pdf",
			Size: int64(20_000 + g.rng.IntN(900_000)), RemoteID: "f" + n}
	}
	return inbox.Attachment{Kind: inbox.AttachVoice, Name: "voice_" + n + ".ogg", MIME: "audio/ogg",
		Size: int64(5_000 + g.rng.IntN(300_000)), RemoteID: "f" + n}
}

// text joins phrases up to a length drawn from 20–300 characters.
func (g *gen) text(phrases []string) string {
	want := 20 + g.rng.IntN(281)
	var b strings.Builder
	n := 0
	for n < want {
		if n > 0 {
			b.WriteByte(' ')
			n++
		}
		p := g.pick(phrases)
		b.WriteString(p)
		n += utf8.RuneCountInString(p)
	}
	return truncate(b.String(), want)
}

// preview is the first line of a text, shortened to 80 characters.
func preview(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return truncate(s, 80)
}

func truncate(s string, runes int) string {
	i := 0
	for n := range s {
		if i == runes {
			return s[:n]
		}
		i++
	}
	return s
}
