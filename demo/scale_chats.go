package demo

import (
	"fmt"
	"strconv"
	"time"

	"salonchat/inbox"
)

// chat writes one chat with n messages over its dialogs.
func (g *gen) chat(tx inbox.Tx, n int) error {
	g.seq++
	acc := g.accounts[g.seq%len(g.accounts)]
	c := inbox.Chat{Account: acc.ID, Network: acc.Network,
		Created: g.now.Add(-time.Duration(200*24+g.rng.IntN(530*24)) * time.Hour)}
	first, sur, full := g.person()
	phone := g.phone()
	switch acc.Network {
	case inbox.WhatsApp:
		c.Peer, c.Phone, c.Name = inbox.PeerID(phone), phone, full
	case inbox.Telegram:
		c.Peer, c.Name = inbox.PeerID(strconv.Itoa(100_000_000+g.seq)), first
		if g.pct(60) {
			c.Username = fmt.Sprintf("%s_%d", g.pick(latin), g.rng.IntN(1000))
		}
	default:
		c.Peer, c.Name = inbox.PeerID("id"+strconv.Itoa(g.seq)), full
	}
	if acc.Network != inbox.WhatsApp && g.pct(50) {
		c.Phone = phone
	}
	if g.pct(30) {
		cl := inbox.Client{Name: full, Surname: sur, FirstName: first, Created: c.Created}
		if c.Phone != "" {
			cl.Phones = []string{c.Phone}
		}
		if err := tx.PutClient(&cl); err != nil {
			return err
		}
		c.Client, c.ClientName = cl.ID, cl.Name
	}
	if err := tx.PutChat(&c); err != nil {
		return err
	}
	at := c.Created
	parts := g.split(n)
	for i, m := range parts {
		live := i == len(parts)-1 && g.pct(35)
		id, err := g.dialog(tx, &c, m, live, &at)
		if err != nil {
			return err
		}
		c.Dialog = id
		at = at.Add(time.Duration(24+g.rng.IntN(60*24)) * time.Hour)
	}
	return tx.PutChat(&c)
}

// person returns a first name, a surname and the full name, female four times in five.
func (g *gen) person() (first, sur, full string) {
	sur = g.pick(surnames)
	if g.pct(80) {
		first, sur = g.pick(femaleNames), sur+"а"
	} else {
		first = g.pick(maleNames)
	}
	return first, sur, first + " " + sur
}

// phone returns a distinct normalised Russian mobile number per chat: the sequence goes
// through a bijection of the nine digits, so numbers look random but never repeat.
func (g *gen) phone() string {
	const space = 1_000_000_000
	return fmt.Sprintf("79%09d", (uint64(g.seq)*387_420_489+123_456_789)%space)
}

// split cuts n messages into 1–3 dialogs (40/43/17 %), each with at least one message.
func (g *gen) split(n int) []int {
	d := 1
	switch r := g.rng.IntN(100); {
	case r >= 83:
		d = 3
	case r >= 40:
		d = 2
	}
	d = min(d, n)
	parts := make([]int, d)
	left := n
	for i := range parts[:d-1] {
		parts[i] = 1 + g.rng.IntN(left-(d-1-i))
		left -= parts[i]
	}
	parts[d-1] = left
	return parts
}
