package demo_test

import (
	"testing"

	"salonchat/demo"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

func TestScale_Shape(t *testing.T) {
	s := inboxtest.NewMemStore()
	if err := demo.Scale(s, 300, 3000, 1); err != nil {
		t.Fatal(err)
	}
	inboxtest.CheckCounts(t, s)
	var chats, msgs, phones int
	dirs := map[inbox.Direction]int{}
	err := s.View(func(tx inbox.ReadTx) error {
		return tx.WalkChats(func(c inbox.Chat) error {
			chats++
			if c.Phone != "" {
				phones++
			}
			if c.Dialog == 0 {
				t.Errorf("chat %d has no current dialog", c.ID)
			}
			return tx.WalkMessages(c.ID, func(m inbox.Message) error {
				msgs++
				dirs[m.Direction]++
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if chats != 300 || msgs != 3000 {
		t.Errorf("Scale(300, 3000) made %d chats and %d messages", chats, msgs)
	}
	if phones < 170 || phones > 230 {
		t.Errorf("%d of 300 chats have a phone; want about two thirds", phones)
	}
	if in := dirs[inbox.DirInbound]; in < 1300 || in > 1700 {
		t.Errorf("%d of 3000 messages inbound; want about half", in)
	}
}

func TestScale_Deterministic(t *testing.T) {
	first := func() []inbox.Chat {
		s := inboxtest.NewMemStore()
		if err := demo.Scale(s, 50, 200, 7); err != nil {
			t.Fatal(err)
		}
		var out []inbox.Chat
		_ = s.View(func(tx inbox.ReadTx) error {
			return tx.WalkChats(func(c inbox.Chat) error { out = append(out, c); return nil })
		})
		return out
	}
	a, b := first(), first()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("chat %d differs between runs with one seed:\n%+v\n%+v", i, a[i], b[i])
		}
	}
}
