package inbox_test

import (
	"slices"
	"testing"

	"salonchat/inbox"
)

func clientNames(cs []inbox.Client) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

// The Клиенты list pages by name; the search finds a phone in any notation.
func TestService_Clients_PagingAndSearch(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		for _, c := range []inbox.Client{
			{Name: "Сидорова Анна", Phones: []string{"+7 912 345-67-89"}},
			{Name: "Ёлкина Вера"},
			{Name: "Андреева Ольга", Phones: []string{"89261112233", "8 343 200-00-00"}},
			{Surname: "Борисова", FirstName: "Анна", Patronymic: "Петровна"},
			{Name: "Андреева Ольга"}, // a namesake
			{Name: "Кузнецова Ирина", Phones: []string{"79995550011"}},
			{Name: "Елисеева Дарья"},
		} {
			e.saveClient(c)
		}
		var all []string
		var cur inbox.ClientCursor
		for i := 0; ; i++ {
			page, err := e.svc.Clients("", cur, 3)
			e.must(err)
			if page.Total != 7 {
				t.Errorf("page %d total = %d; want 7", i, page.Total)
			}
			all = append(all, clientNames(page.Clients)...)
			if page.Next == (inbox.ClientCursor{}) {
				break
			}
			cur = page.Next
		}
		want := []string{"Андреева Ольга", "Андреева Ольга", "Борисова Анна Петровна", "Елисеева Дарья", "Ёлкина Вера",
			"Кузнецова Ирина", "Сидорова Анна"}
		if !slices.Equal(all, want) {
			t.Errorf("list by name, pages of 3:\n got %v\nwant %v", all, want)
		}

		cases := []struct {
			q    string
			want []string
		}{
			{"+7 (912) 345-67-89", []string{"Сидорова Анна"}},
			{"89123456789", []string{"Сидорова Анна"}},
			{"79123456789", []string{"Сидорова Анна"}},
			{"912 345", []string{"Сидорова Анна"}},
			{"345-67", []string{"Сидорова Анна"}},
			{"8 926 111", []string{"Андреева Ольга"}},
			{"200-00", []string{"Андреева Ольга"}},
			{"анна", []string{"Борисова Анна Петровна", "Сидорова Анна"}},
			{"анна бор", []string{"Борисова Анна Петровна"}},
			{"петровна", []string{"Борисова Анна Петровна"}},
			{"елкина", []string{"Ёлкина Вера"}},
			{"Андреева", []string{"Андреева Ольга", "Андреева Ольга"}},
			{"ванова", nil},
		}
		for _, c := range cases {
			page, err := e.svc.Clients(c.q, inbox.ClientCursor{}, 10)
			e.must(err)
			if got := clientNames(page.Clients); !slices.Equal(got, c.want) || page.Total != len(c.want) {
				t.Errorf("Clients(%q) = %v (total %d); want %v", c.q, got, page.Total, c.want)
			}
		}
		// A search pages too.
		first, err := e.svc.Clients("а", inbox.ClientCursor{}, 2)
		e.must(err)
		rest, err := e.svc.Clients("а", first.Next, 10)
		e.must(err)
		if got := append(clientNames(first.Clients), clientNames(rest.Clients)...); first.Total != 4 ||
			!slices.Equal(got, []string{"Андреева Ольга", "Андреева Ольга", "Борисова Анна Петровна", "Сидорова Анна"}) {
			t.Errorf("Clients(а) in pages of 2 = %v (total %d)", got, first.Total)
		}
	})
}

// A renamed client moves in the list and in the searches.
func TestService_Clients_FollowRename(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		a := e.saveClient(inbox.Client{Name: "Яковлева Анна", Phones: []string{"79120000001"}})
		e.saveClient(inbox.Client{Name: "Борисова Вера"})
		a.Name, a.Phones = "Абрамова Анна", []string{"79350000002"}
		e.saveClient(a)
		page, err := e.svc.Clients("", inbox.ClientCursor{}, 10)
		e.must(err)
		if got := clientNames(page.Clients); !slices.Equal(got, []string{"Абрамова Анна", "Борисова Вера"}) {
			t.Errorf("list after rename = %v", got)
		}
		for q, n := range map[string]int{"яковлева": 0, "абрамова": 1, "7912": 0, "7935": 1} {
			if page, _ := e.svc.Clients(q, inbox.ClientCursor{}, 10); len(page.Clients) != n {
				t.Errorf("Clients(%q) after rename = %v; want %d", q, clientNames(page.Clients), n)
			}
		}
		if cs, _ := e.svc.ClientsByPhone("89120000001"); len(cs) != 0 {
			t.Errorf("ClientsByPhone(old number) = %v", clientNames(cs))
		}
	})
}
