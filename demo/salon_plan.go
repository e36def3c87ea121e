package demo

import (
	"fmt"
	"strings"
	"time"

	"salonchat/inbox"
)

// script is one conversation (see scripts).
type script struct {
	name       string
	lines      []string
	she        bool // the client speaks in the feminine
	spam       bool // advertising: closed without an answer
	salonFirst bool // the salon starts it, in a chat that already exists
}

// ending is how a chat's current dialog stands when the story ends.
type ending int

const (
	endUnanswered         ending = iota // the client's first words; nobody has answered
	endUnansweredAssigned               // … handed to an operator who has not answered yet
	endAwaiting                         // answered, then the client wrote again
	endAnswered                         // the salon had the last word
	endReassigned                       // answered, then handed to another operator
	endPostponed                        // answered and put aside until a coming day
	endPostponedAwaiting                // put aside before answering
	endReturned                         // put aside, and back on the list when its time came
	endUnassigned                       // answered, then released to nobody
	endFailed                           // answered, but the answer could not be delivered
	endClosed                           // resolved and closed
	endSpam                             // closed without a word
)

// linkMode is how a chat gets to its client.
type linkMode int

const (
	linkNone   linkMode = iota // no client (a stranger, or not recognised yet)
	linkAttach                 // an operator attaches it to the existing client
	linkCreate                 // an operator makes a new client of it
	linkPhone                  // the network shared a known phone: linked on arrival
)

type dialogPlan struct {
	script script
	end    ending
	op     int // the operator who answers
}

type chatPlan struct {
	net      inbox.Network
	peer     inbox.PeerID
	name     string
	username string
	phone    string
	person   int // index into people; -1 for a stranger
	link     linkMode
	dialogs  []dialogPlan // oldest first; all but the last are closed
}

// Special people of the story, by index into people.
const (
	personPhoneOnly = 29 // writes from the number on her card: the chat links itself on arrival
)

var (
	createdFromChat = map[int]inbox.Network{7: inbox.WhatsApp, 13: inbox.Telegram, 23: inbox.WhatsApp}
	// secondChat: these clients write on another network too; a Telegram chat shares
	// the phone and links itself, a VK chat is attached by hand.
	secondChat = map[int]inbox.Network{0: inbox.Telegram, 1: inbox.Telegram, 2: inbox.VK, 4: inbox.VK}
	// reminded get a booked visit reminder from a template (i%3 == 0 has a booked visit).
	reminded = map[int]ending{3: endAnswered, 9: endClosed}
	// firstEndings are spread over the other clients' chats.
	firstEndings = []ending{
		endUnanswered, endUnanswered, endUnansweredAssigned, endUnansweredAssigned,
		endAwaiting, endAwaiting, endAwaiting, endAwaiting, endAwaiting,
		endAnswered, endAnswered, endAnswered, endAnswered, endReassigned, endReassigned,
		endPostponed, endPostponed, endPostponed, endPostponed, endPostponedAwaiting, endPostponedAwaiting,
		endReturned, endReturned, endUnassigned, endClosed, endClosed, endClosed,
	}
	secondEndings = []ending{endClosed, endAnswered, endAwaiting, endClosed}
)

// plan decides every chat of the story: who writes where, and how each dialog ends.
func (g *salonGen) plan() []chatPlan {
	g.phones = make([]string, len(people))
	for i := range g.phones {
		g.phones[i] = fmt.Sprintf("79%09d", g.rnd.IntN(1e9))
	}
	g.clients = make([]inbox.ClientID, len(people))
	plans := g.strangerChats()
	endings := append([]ending(nil), firstEndings...)
	g.rnd.Shuffle(len(endings), func(i, j int) { endings[i], endings[j] = endings[j], endings[i] })
	for i := range people {
		plans = append(plans, g.firstChat(i, &endings))
	}
	n := 0
	for i := range people {
		if net, ok := secondChat[i]; ok {
			c := g.personChat(i, net, linkAttach)
			if net == inbox.Telegram {
				c.link, c.phone = linkPhone, g.phones[i]
			}
			c.dialogs = []dialogPlan{g.dialog(g.commonScript(i), secondEndings[n%len(secondEndings)])}
			plans = append(plans, c)
			n++
		}
	}
	return plans
}

func (g *salonGen) strangerChats() []chatPlan {
	specs := []struct {
		net    inbox.Network
		script string
		end    ending
	}{
		{inbox.Telegram, "lashes", endAnswered}, {inbox.VK, "pricelist", endFailed}, {inbox.WhatsApp, "men", endUnanswered},
		{inbox.WhatsApp, "certificate", endUnanswered}, {inbox.Telegram, "spam", endSpam}, {inbox.VK, "address", endClosed},
	}
	var plans []chatPlan
	for i, s := range specs {
		c := chatPlan{net: s.net, name: strangers[i], person: -1, peer: g.peer(s.net, "")}
		if s.net == inbox.WhatsApp {
			c.phone = fmt.Sprintf("79%09d", g.rnd.IntN(1e9))
			c.peer = g.peer(s.net, c.phone)
		}
		c.dialogs = []dialogPlan{g.dialog(scriptNamed(s.script), s.end)}
		plans = append(plans, c)
	}
	return plans
}

// firstChat plans person i's first chat, taking its ending from endings unless the
// person has a part of their own in the story.
func (g *salonGen) firstChat(i int, endings *[]ending) chatPlan {
	net, link, old := pick(g, []inbox.Network{inbox.WhatsApp, inbox.WhatsApp, inbox.Telegram, inbox.VK}), linkAttach, g.rnd.IntN(3)
	end, fixed := reminded[i]
	switch {
	case i == personPhoneOnly:
		net, link, old, end, fixed = inbox.WhatsApp, linkNone, 0, endUnanswered, true
	case createdFromChat[i] != "":
		net, link, old = createdFromChat[i], linkCreate, max(old, 1)
	case secondChat[i] != "":
		net, old = inbox.WhatsApp, max(old, 1)
	case fixed:
		old = max(old, 1)
	}
	if !fixed {
		end, *endings = (*endings)[0], (*endings)[1:]
	}
	c := g.personChat(i, net, link)
	for range old {
		c.dialogs = append(c.dialogs, g.dialog(g.commonScript(i), endClosed))
	}
	current := g.dialog(g.commonScript(i), end)
	if _, ok := reminded[i]; ok {
		current.script = scriptNamed("reminder")
	}
	c.dialogs = append(c.dialogs, current)
	return c
}

// personChat is person i's chat on a network, named the way people name themselves there.
func (g *salonGen) personChat(i int, net inbox.Network, link linkMode) chatPlan {
	p := people[i]
	c := chatPlan{net: net, person: i, link: link, name: p.first + " " + p.surname}
	switch net {
	case inbox.WhatsApp:
		c.phone = g.phones[i]
		c.name = pick(g, []string{p.first, p.first + " " + string([]rune(p.surname)[:1]) + ".", c.name})
	case inbox.Telegram:
		c.username = strings.ReplaceAll(p.mail, ".", "_")
	}
	c.peer = g.peer(net, c.phone)
	return c
}

func (g *salonGen) peer(net inbox.Network, phone string) inbox.PeerID {
	switch net {
	case inbox.WhatsApp:
		return inbox.PeerID(phone + "@s.whatsapp.net")
	case inbox.Telegram:
		return inbox.PeerID(fmt.Sprint(100_000_000 + g.rnd.IntN(7_000_000_000)))
	}
	return inbox.PeerID(fmt.Sprint(100_000 + g.rnd.IntN(800_000_000)))
}

func (g *salonGen) dialog(s script, end ending) dialogPlan {
	return dialogPlan{script: s, end: end, op: g.rnd.IntN(len(operatorNames))}
}

func scriptNamed(name string) script {
	for _, s := range scripts {
		if s.name == name {
			return s
		}
	}
	panic("demo: no script " + name)
}

// commonScript picks a conversation person i (or a stranger, -1) may have.
func (g *salonGen) commonScript(i int) script {
	for {
		if s := pick(g, scripts); !s.spam && !s.salonFirst && !(s.she && men[i]) {
			return s
		}
	}
}

// recent reports whether an ending belongs to a dialog that started minutes or hours ago.
func (e ending) recent() bool {
	return e == endUnanswered || e == endUnansweredAssigned || e == endPostponedAwaiting
}

// start picks when a dialog with this ending began, before the story's end.
func (g *salonGen) start(e ending, current bool) time.Time {
	switch {
	case !current:
		return g.workHour(g.between(12*24*time.Hour, 45*24*time.Hour))
	case e.recent():
		return g.now.Add(-g.between(15*time.Minute, 9*time.Hour))
	case e == endReturned:
		return g.workHour(g.between(3*24*time.Hour, 7*24*time.Hour))
	}
	return g.workHour(g.between(6*time.Hour, 9*24*time.Hour))
}

// workHour is a moment between 9:00 and 20:00 Moscow time, about ago before now.
func (g *salonGen) workHour(ago time.Duration) time.Time {
	d := g.now.Add(-ago).In(msk)
	return time.Date(d.Year(), d.Month(), d.Day(), 9+g.rnd.IntN(11), g.rnd.IntN(60), g.rnd.IntN(60), 0, msk).UTC()
}
