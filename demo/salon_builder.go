package demo

import (
	"fmt"
	"strings"
	"time"

	"salonchat/inbox"
)

// storyBuilder lays out the events of one dialog, moving its own time forward.
type storyBuilder struct {
	g   *salonGen
	run *chatRun
	t   time.Time
	op  int // the operator answering now
	evs []event
	// prevClient is true when the last message laid out was the client's.
	prevClient bool
}

func (b *storyBuilder) at(t time.Time, do func() error) { b.evs = append(b.evs, event{at: t, do: do}) }

func (b *storyBuilder) after(lo, hi time.Duration) { b.t = b.t.Add(b.g.between(lo, hi)) }

func (b *storyBuilder) operator() inbox.OperatorID { return b.g.operators[b.op].ID }

// client schedules a client's message, and its later edit when the script has one.
func (b *storyBuilder) client(l line, first bool) {
	switch {
	case first:
	case b.prevClient:
		b.after(20*time.Second, 3*time.Minute)
	default:
		b.after(2*time.Minute, 40*time.Minute)
	}
	ext := b.nextExt()
	in := b.inbound(ext, l)
	b.at(b.t, func() error { return b.g.receive(b.run, in) })
	if l.edit != "" {
		b.t = b.t.Add(50 * time.Second)
		edit := b.inbound(inbox.ExternalID(fmt.Sprintf("%s@%d", ext, b.t.Unix())), line{text: l.edit})
		edit.EditOf = ext
		b.at(b.t, func() error { return b.g.receive(b.run, edit) })
	}
	b.t, b.prevClient = b.t.Add(time.Second), true
}

func (b *storyBuilder) inbound(ext inbox.ExternalID, l line) inbox.Inbound {
	p := b.run.plan
	in := inbox.Inbound{Account: b.g.accounts[p.net].ID, Peer: p.peer, ChatName: p.name, Username: p.username,
		Phone: p.phone, ExternalID: ext, Text: l.text}
	switch l.attach {
	case "photo":
		in.Attachments = []inbox.Attachment{{Kind: inbox.AttachImage, Name: fmt.Sprintf("IMG_%04d.jpg", 1000+b.g.rnd.IntN(9000)),
			MIME: "image/jpeg", Size: 150_000 + b.g.rnd.Int64N(800_000), RemoteID: b.hex(24)}}
	case "voice":
		in.Attachments = []inbox.Attachment{{Kind: inbox.AttachVoice, Name: "voice.ogg", MIME: "audio/ogg",
			Size: 20_000 + b.g.rnd.Int64N(70_000), RemoteID: b.hex(24)}}
	}
	return in
}

// salon schedules an operator's answer and its delivery: read a minute later, or failed
// when the network refuses it.
func (b *storyBuilder) salon(l line, fail bool) {
	b.after(time.Minute, 20*time.Minute)
	b.link()
	op, text := b.operator(), strings.ReplaceAll(l.text, "{имя}", b.firstName())
	out := inbox.Outgoing{Text: text, Attachments: outAttachments[l.attach]}
	tpl := l.template
	id := new(inbox.MessageID)
	b.at(b.t, func() error { return b.g.send(b.run, op, out, tpl, id) })
	ext := b.nextExt()
	if fail {
		failed := inbox.Delivery{State: inbox.Failed, Reason: "send.blocked", At: b.t.Add(4 * time.Second),
			Detail: "VK API error 901: Can't send messages for users without permission"}
		b.at(b.t.Add(4*time.Second), func() error { return b.g.deliver(id, failed) })
	} else {
		sent := inbox.Delivery{State: inbox.Sent, ExternalID: ext, At: b.t.Add(2 * time.Second)}
		read := inbox.Delivery{State: inbox.Read, At: b.t.Add(time.Minute)}
		b.at(sent.At, func() error { return b.g.deliver(id, sent) })
		b.at(read.At, func() error { return b.g.deliver(id, read) })
	}
	b.t, b.prevClient = b.t.Add(time.Minute+time.Second), false
}

var outAttachments = map[string][]inbox.Attachment{
	"file":     {{Kind: inbox.AttachFile, Name: "Прайс-лист Лотос.pdf", MIME: "application/pdf", Size: 245_760}},
	"location": {{Kind: inbox.AttachLocation, Name: "Салон красоты «Лотос»", Lat: 56.8367, Lon: 60.6150}},
}

// link attaches the chat to its client at the first thing an operator does in it.
func (b *storyBuilder) link() {
	p := b.run.plan
	if b.run.linked || p.link == linkNone {
		return
	}
	b.run.linked = true
	op, t := b.operator(), b.t.Add(-20*time.Second)
	if p.link == linkCreate {
		b.at(t, func() error { return b.g.createFromChat(b.run, op, t) })
		return
	}
	b.at(t, func() error { return b.g.svc.AttachChat(op, b.run.id, b.g.clients[p.person]) })
}

// reassign hands the dialog from the operator who answered to another one; that one
// answers from now on.
func (b *storyBuilder) reassign() {
	admin := b.g.operators[0].ID
	b.op = 1 + (b.op+b.g.rnd.IntN(3))%(len(b.g.operators)-1)
	to := b.operator()
	b.act(func(d inbox.DialogID) error { return b.g.svc.Assign(admin, d, to) })
}

func (b *storyBuilder) firstName() string {
	if p := b.run.plan; p.person >= 0 {
		return people[p.person].first
	}
	first, _, _ := strings.Cut(b.run.plan.name, " ")
	return first
}

// nextExt is the network's id for the chat's next message.
func (b *storyBuilder) nextExt() inbox.ExternalID {
	if b.run.plan.net == inbox.WhatsApp {
		return inbox.ExternalID("3EB0" + strings.ToUpper(b.hex(16)))
	}
	b.run.ext++
	return inbox.ExternalID(fmt.Sprint(b.run.ext))
}

func (b *storyBuilder) hex(n int) string {
	const digits = "0123456789abcdef"
	out := make([]byte, n)
	for i := range out {
		out[i] = digits[b.g.rnd.IntN(16)]
	}
	return string(out)
}
