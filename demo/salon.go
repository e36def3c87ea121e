// Package demo fills a store with made-up data: Salon makes a small believable beauty
// salon to look at and click through, Scale a large one to measure with.
package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"salonchat/inbox"
)

// msk is the salon's time zone: working hours and dates in messages are Moscow time.
var msk = time.FixedZone("MSK", 3*60*60)

// Salon fills an empty store with the demo salon "Лотос": its details, five operators,
// three healthy accounts (WhatsApp, Telegram, VK), about thirty clients with visits,
// tasks and leads, seven templates, and forty chats whose dialogs are in every state
// the chat list knows — unanswered, open, postponed, closed, assigned or not — plus
// three chats through the salon's own Telegram account (salon_business.go).
//
// Everything goes through inbox.Service, so every rule holds (system notes,
// auto-assignment, postponements, closures) exactly as if operators had done it. The
// Service's clock is moved along the story, which ends just before now. The same seed
// gives the same salon.
func Salon(store inbox.Store, now time.Time, seed int64) error {
	now = now.UTC().Truncate(time.Second)
	clk := &clock{now: now.AddDate(0, 0, -60)}
	g := &salonGen{
		svc: inbox.NewService(store, inbox.WithClock(clk)),
		clk: clk,
		rnd: rand.New(rand.NewPCG(uint64(seed), 0x5a10c4a7)),
		now: now,
	}
	plans := g.plan()
	steps := []func() error{g.setup, func() error { return g.addClients(plans) }, func() error { return g.play(g.schedule(plans)) },
		func() error { return g.business(plans) }}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("demo salon: %w", err)
		}
	}
	return nil
}

// clock is the demo's inbox.Clock: it stands wherever the story is.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

type salonGen struct {
	svc *inbox.Service
	clk *clock
	rnd *rand.Rand
	now time.Time // the story ends before this

	operators []inbox.Operator
	accounts  map[inbox.Network]inbox.Account
	templates map[string]inbox.Template
	phones    []string         // per person, normalised
	clients   []inbox.ClientID // per person; zero until the client exists
}

// setup writes the salon's details, operators, accounts and templates.
func (g *salonGen) setup() error {
	if err := g.svc.SetSalon(salonDetails); err != nil {
		return err
	}
	for _, name := range operatorNames {
		op, err := g.svc.AddOperator(name)
		if err != nil {
			return err
		}
		g.operators = append(g.operators, op)
	}
	if err := g.addAccounts(); err != nil {
		return err
	}
	g.templates = map[string]inbox.Template{}
	for _, t := range templates {
		saved, err := g.svc.SaveTemplate(t)
		if err != nil {
			return fmt.Errorf("template %q: %w", t.Title, err)
		}
		g.templates[t.Title] = saved
	}
	return nil
}

func (g *salonGen) addAccounts() error {
	accounts := []inbox.Account{
		{Network: inbox.WhatsApp, Title: "+7 912 288-45-12", Settings: map[string]string{"phone": "79122884512"}},
		{Network: inbox.Telegram, Title: "@lotos_salon_bot", Settings: map[string]string{"username": "lotos_salon_bot"}},
		{Network: inbox.VK, Title: "Салон красоты Лотос", Settings: map[string]string{"group": "lotos_salon"}},
	}
	g.accounts = map[inbox.Network]inbox.Account{}
	for _, a := range accounts {
		a, err := g.svc.AddAccount(a)
		if err != nil {
			return err
		}
		g.clk.now = g.clk.now.Add(40 * time.Second)
		if err := g.svc.SetHealth(a.ID, inbox.Health{State: inbox.HealthOK}); err != nil {
			return err
		}
		g.accounts[a.Network] = a
	}
	return nil
}

// between returns a random duration in [lo, hi).
func (g *salonGen) between(lo, hi time.Duration) time.Duration {
	return lo + time.Duration(g.rnd.Int64N(int64(hi-lo)))
}

// pick returns a random element of xs.
func pick[T any](g *salonGen, xs []T) T { return xs[g.rnd.IntN(len(xs))] }
