package inboxtest

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"salonchat/inbox"
)

// Store cases for the client list and its searches, client history and the lead list.

func putClients(t testing.TB, s inbox.Store, cs ...*inbox.Client) {
	t.Helper()
	update(t, s, func(tx inbox.Tx) error {
		for _, c := range cs {
			if err := tx.PutClient(c); err != nil {
				return err
			}
		}
		return nil
	})
}

// listNames reads a list or search page by page and returns the names in order.
func listNames(t testing.TB, s inbox.Store, q string, page int) (names []string, total int) {
	t.Helper()
	view(t, s, func(tx inbox.ReadTx) error {
		var cur inbox.ClientCursor
		for i := 0; ; i++ {
			p, err := tx.ListClients(q, cur, page)
			if err != nil {
				return err
			}
			if len(p.Clients) > page || i > 1000 {
				return fmt.Errorf("ListClients(%q, n=%d) returned %d clients", q, page, len(p.Clients))
			}
			total = p.Total
			for _, c := range p.Clients {
				names = append(names, c.Name)
			}
			if p.Next == (inbox.ClientCursor{}) {
				return nil
			}
			cur = p.Next
		}
	})
	return names, total
}

func testClientList(t *testing.T, s inbox.Store) {
	a := &inbox.Client{Name: "Яковлева Анна"}
	b := &inbox.Client{Name: "Ёлкина Вера"}
	c := &inbox.Client{Name: "Елисеева Дарья"}
	d := &inbox.Client{Surname: "Андреева", FirstName: "Ольга"} // listed by the full name
	e := &inbox.Client{Name: "Андреева Ольга"}
	merged := &inbox.Client{Name: "Андреева Оля", MergedInto: 1}
	putClients(t, s, a, b, c, d, e, merged)
	want := []string{"", "Андреева Ольга", "Елисеева Дарья", "Ёлкина Вера", "Яковлева Анна"}
	for _, page := range []int{1, 2, 10} {
		got, total := listNames(t, s, "", page)
		if !slices.Equal(got, want) || total != 5 {
			t.Errorf("list in pages of %d = %q (total %d); want %q, 5", page, got, total, want)
		}
	}
	// The namesakes keep id order; a rename moves a client; merging takes it out.
	a.Name = "Абрамова Анна"
	e.MergedInto = d.ID
	putClients(t, s, a, e)
	merged.MergedInto = 0
	putClients(t, s, merged)
	got, total := listNames(t, s, "", 2)
	if want := []string{"Абрамова Анна", "", "Андреева Оля", "Елисеева Дарья", "Ёлкина Вера"}; !slices.Equal(got, want) || total != 5 {
		t.Errorf("after rename, merge and unmerge: %q (total %d); want %q", got, total, want)
	}
	view(t, s, func(tx inbox.ReadTx) error {
		p, err := tx.ListClients("", inbox.ClientCursor{}, 0)
		if len(p.Clients) != 0 || p.Total != 5 {
			t.Errorf("ListClients(n=0) = %d clients, total %d; want none, 5", len(p.Clients), p.Total)
		}
		return err
	})
}

func testClientSearch(t *testing.T, s inbox.Store) {
	anna := &inbox.Client{Name: "Иванова Анна", Surname: "Иванова", FirstName: "Анна", Patronymic: "Сергеевна",
		Phones: []string{"79123456789", "73432000000"}}
	vera := &inbox.Client{Name: "Ёлкина Вера", Phones: []string{"79261112233"}}
	anya := &inbox.Client{Name: "Аня", Phones: []string{"79123450000"}}
	gone := &inbox.Client{Name: "Иванова Анна", Phones: []string{"79123456789"}, MergedInto: 1}
	putClients(t, s, anna, vera, anya, gone)
	cases := []struct {
		q    string
		want []string
	}{
		{"+7 (912) 345-67-89", []string{"Иванова Анна"}},
		{"8 912 345 67 89", []string{"Иванова Анна"}},
		{"79123456789", []string{"Иванова Анна"}},
		{"912345", []string{"Аня", "Иванова Анна"}},
		{"200-00", []string{"Иванова Анна"}},
		{"111 22", []string{"Ёлкина Вера"}},
		{"ан", []string{"Аня", "Иванова Анна"}},
		{"Анна", []string{"Иванова Анна"}},
		{"серг", []string{"Иванова Анна"}},
		{"ЕЛКИНА", []string{"Ёлкина Вера"}},
		{"ёлк в", []string{"Ёлкина Вера"}},
		{"анна вера", nil},
		{"нна", nil},
		{"0000", []string{"Аня", "Иванова Анна"}},
	}
	for _, c := range cases {
		got, total := listNames(t, s, c.q, 1)
		if !slices.Equal(got, c.want) || total != len(c.want) {
			t.Errorf("ListClients(%q) = %q (total %d); want %q", c.q, got, total, c.want)
		}
	}
	vera.Phones, anna.Name = []string{"79350000002"}, "Смирнова Анна"
	putClients(t, s, vera, anna)
	for q, want := range map[string][]string{"7926": nil, "7935": {"Ёлкина Вера"}, "иванова": {"Смирнова Анна"}, "смир": {"Смирнова Анна"}} {
		if got, _ := listNames(t, s, q, 10); !slices.Equal(got, want) {
			t.Errorf("after changes, ListClients(%q) = %q; want %q", q, got, want)
		}
	}
}

func testClientsByPhone(t *testing.T, s inbox.Store) {
	a := &inbox.Client{Name: "Мама", Phones: []string{"79123456789"}}
	b := &inbox.Client{Name: "Дочь", Phones: []string{"79000000000", "79123456789"}}
	c := &inbox.Client{Name: "Другая", Phones: []string{"791234567890"}}
	gone := &inbox.Client{Name: "Дубль", Phones: []string{"79123456789"}, MergedInto: 1}
	putClients(t, s, a, b, c, gone)
	byPhone := func(p string) []string {
		var names []string
		view(t, s, func(tx inbox.ReadTx) error {
			cs, err := tx.ClientsByPhone(p)
			for _, c := range cs {
				names = append(names, c.Name)
			}
			return err
		})
		return names
	}
	if got := byPhone("79123456789"); !slices.Equal(got, []string{"Мама", "Дочь"}) {
		t.Errorf("ClientsByPhone = %q; want the two cards with exactly the number, in id order", got)
	}
	if got := byPhone(""); len(got) != 0 {
		t.Errorf("ClientsByPhone(\"\") = %q", got)
	}
	a.Phones = nil
	putClients(t, s, a)
	if got := byPhone("79123456789"); !slices.Equal(got, []string{"Дочь"}) {
		t.Errorf("after removing the number: %q", got)
	}
}

func testClientHistory(t *testing.T, s inbox.Store) {
	a, b := &inbox.Client{Name: "Анна"}, &inbox.Client{Name: "Борис"}
	putClients(t, s, a, b)
	changes := []inbox.ClientChange{
		{At: at(0), Operator: 1, OperatorName: "Марина", Field: inbox.ChangeCreated, New: "Анна"},
		{At: at(1), Operator: 2, OperatorName: "Оля", Field: inbox.FieldPhones, Old: "", New: "+7 912 345-67-89"},
		{At: at(1), Field: inbox.ChangeChatAttached, Chat: 5, New: "Аня"},
		{At: at(2), Operator: 1, OperatorName: "Марина", Field: inbox.ChangeMergedFrom, Other: b.ID, Old: "Борис"},
	}
	update(t, s, func(tx inbox.Tx) error {
		for i, ch := range changes {
			if err := tx.AddClientChange(a.ID, ch); err != nil {
				return err
			}
			if i == 1 {
				if err := tx.AddClientChange(b.ID, inbox.ClientChange{At: at(1), Field: inbox.ChangeMergedInto, Other: a.ID}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	for i := range changes {
		changes[i].Client = a.ID
	}
	boom := errors.New("boom")
	err := s.Update(func(tx inbox.Tx) error {
		if err := tx.AddClientChange(a.ID, inbox.ClientChange{Field: inbox.FieldNotes}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v", err)
	}
	view(t, s, func(tx inbox.ReadTx) error {
		ha, err := tx.ClientHistory(a.ID)
		same(t, "ClientHistory(a)", ha, changes)
		hb, err2 := tx.ClientHistory(b.ID)
		if len(hb) != 1 || hb[0].Client != b.ID || hb[0].Other != a.ID {
			t.Errorf("ClientHistory(b) = %+v", hb)
		}
		hn, err3 := tx.ClientHistory(999)
		if len(hn) != 0 {
			t.Errorf("ClientHistory(missing) = %+v", hn)
		}
		return errors.Join(err, err2, err3)
	})
	if err := s.Update(func(tx inbox.Tx) error { return tx.AddClientChange(999, inbox.ClientChange{}) }); !errors.Is(err, inbox.ErrNotFound) {
		t.Errorf("AddClientChange(missing client) = %v; want ErrNotFound", err)
	}
}

func testLeadList(t *testing.T, s inbox.Store) {
	cl := &inbox.Client{Name: "Анна"}
	putClients(t, s, cl)
	statuses := []inbox.LeadStatus{inbox.LeadNew, inbox.LeadWorking, inbox.LeadNew, inbox.LeadRejected, inbox.LeadNew, inbox.LeadBooked}
	ls := make([]inbox.Lead, len(statuses))
	update(t, s, func(tx inbox.Tx) error {
		for i, st := range statuses {
			ls[i] = inbox.Lead{Name: fmt.Sprintf("Заявка %d", i), Status: st, Created: at(i)}
			if i%2 == 0 {
				ls[i].Client = cl.ID
			}
			if err := tx.PutLead(&ls[i]); err != nil {
				return err
			}
		}
		return nil
	})
	check := func(when string, want map[inbox.LeadStatus][]inbox.Lead, counts inbox.LeadCounts, ofClient []inbox.Lead) {
		t.Helper()
		view(t, s, func(tx inbox.ReadTx) error {
			for st, w := range want {
				for _, page := range []int{1, 2, 10} {
					var got []inbox.Lead
					var after inbox.LeadID
					for i := 0; i < 100; i++ {
						p, next, err := tx.Leads(st, after, page)
						if err != nil {
							return err
						}
						got = append(got, p...)
						if next == 0 {
							break
						}
						after = next
					}
					same(t, fmt.Sprintf("%s: Leads(%q) in pages of %d", when, st, page), got, w)
				}
			}
			c, err := tx.LeadCounts()
			same(t, when+": LeadCounts", c, counts)
			of, err2 := tx.LeadsOf(cl.ID)
			same(t, when+": LeadsOf", of, ofClient)
			got, err3 := tx.Lead(ls[1].ID)
			same(t, when+": Lead", got, ls[1])
			return errors.Join(err, err2, err3)
		})
	}
	check("stored", map[inbox.LeadStatus][]inbox.Lead{
		"":                 {ls[5], ls[4], ls[3], ls[2], ls[1], ls[0]},
		inbox.LeadNew:      {ls[4], ls[2], ls[0]},
		inbox.LeadWorking:  {ls[1]},
		inbox.LeadRejected: {ls[3]},
	}, inbox.LeadCounts{inbox.LeadNew: 3, inbox.LeadWorking: 1, inbox.LeadRejected: 1, inbox.LeadBooked: 1},
		[]inbox.Lead{ls[0], ls[2], ls[4]})

	ls[2].Status, ls[2].Client = inbox.LeadWorking, 0
	ls[1].Status, ls[1].Reason, ls[1].Client = inbox.LeadRejected, "Дорого", cl.ID
	update(t, s, func(tx inbox.Tx) error { return errors.Join(tx.PutLead(&ls[2]), tx.PutLead(&ls[1])) })
	check("changed", map[inbox.LeadStatus][]inbox.Lead{
		inbox.LeadNew:      {ls[4], ls[0]},
		inbox.LeadWorking:  {ls[2]},
		inbox.LeadRejected: {ls[3], ls[1]},
		inbox.LeadBooked:   {ls[5]},
	}, inbox.LeadCounts{inbox.LeadNew: 2, inbox.LeadWorking: 1, inbox.LeadRejected: 2, inbox.LeadBooked: 1},
		[]inbox.Lead{ls[0], ls[1], ls[4]})
	view(t, s, func(tx inbox.ReadTx) error {
		_, err := tx.Lead(999)
		if !errors.Is(err, inbox.ErrNotFound) {
			t.Errorf("Lead(missing) = %v; want ErrNotFound", err)
		}
		p, next, err := tx.Leads("", ls[0].ID, 10)
		if len(p) != 0 || next != 0 {
			t.Errorf("Leads after the oldest = %v, %d; want none", p, next)
		}
		return err
	})
}

// testClientIndexRollback checks that a failed Update leaves no client or lead index
// entry behind.
func testClientIndexRollback(t *testing.T, s inbox.Store) {
	boom := errors.New("boom")
	err := s.Update(func(tx inbox.Tx) error {
		c := inbox.Client{Name: "Анна", Phones: []string{"79123456789"}}
		l := inbox.Lead{Name: "Анна", Status: inbox.LeadNew}
		if err := errors.Join(tx.PutClient(&c), tx.PutLead(&l)); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v", err)
	}
	view(t, s, func(tx inbox.ReadTx) error {
		p, err := tx.ListClients("", inbox.ClientCursor{}, 10)
		byName, err2 := tx.ListClients("анна", inbox.ClientCursor{}, 10)
		byPhone, err3 := tx.ClientsByPhone("79123456789")
		leads, _, err4 := tx.Leads("", 0, 10)
		counts, err5 := tx.LeadCounts()
		if p.Total != 0 || len(byName.Clients) != 0 || len(byPhone) != 0 || len(leads) != 0 || counts.Total() != 0 {
			t.Errorf("after a failed Update: list %+v, by name %+v, by phone %v, leads %v, counts %v; want nothing",
				p, byName, byPhone, leads, counts)
		}
		return errors.Join(err, err2, err3, err4, err5)
	})
}

// CheckClientCounts compares the maintained lead counts and the client list's total
// with a recount of the records, and fails t when they differ.
func CheckClientCounts(t testing.TB, s inbox.Store) {
	t.Helper()
	err := s.View(func(tx inbox.ReadTx) error {
		clients, err := tx.Clients()
		if err != nil {
			return err
		}
		listed := 0
		for _, c := range clients {
			if c.MergedInto == 0 {
				listed++
			}
		}
		page, err := tx.ListClients("", inbox.ClientCursor{}, 0)
		if err != nil {
			return err
		}
		if page.Total != listed {
			return fmt.Errorf("client list total %d; recount %d", page.Total, listed)
		}
		want := inbox.LeadCounts{}
		for after := inbox.LeadID(0); ; {
			ls, next, err := tx.Leads("", after, 100)
			if err != nil {
				return err
			}
			for _, l := range ls {
				want[l.Status]++
			}
			if after = next; next == 0 {
				break
			}
		}
		got, err := tx.LeadCounts()
		if err != nil {
			return err
		}
		for _, st := range append(slices.Clone(inbox.LeadStatuses), "") {
			if got[st] != want[st] {
				return fmt.Errorf("LeadCounts[%q] = %d; recount %d", st, got[st], want[st])
			}
		}
		return nil
	})
	if err != nil {
		t.Errorf("recount: %v", err)
	}
}
