package inbox_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"salonchat/inbox"
)

// history reads a client's recorded changes.
func (e *env) history(id inbox.ClientID) []inbox.ClientChange {
	e.t.Helper()
	h, err := e.svc.ClientHistory(id)
	e.must(err)
	return h
}

func fields(h []inbox.ClientChange) []string {
	var out []string
	for _, c := range h {
		out = append(out, c.Field)
	}
	return out
}

func (e *env) saveClient(c inbox.Client) inbox.Client {
	e.t.Helper()
	e.clock.Advance(time.Minute)
	saved, err := e.svc.SaveClient(e.anna.ID, c)
	e.must(err)
	return saved
}

// A card with several wrong fields is refused as a whole, with every field named.
func TestService_SaveClient_Validation(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		bad := inbox.Client{Phones: []string{"+7 912 345-67-89", "12", ""}, Email: "anna@", Gender: "robot",
			Birthday: e.clock.Now().AddDate(0, 0, 2)}
		_, err := e.svc.SaveClient(e.anna.ID, bad)
		var ie *inbox.Error
		if !errors.As(err, &ie) || ie.Code != inbox.CodeInvalid {
			t.Fatalf("SaveClient(bad card) = %v; want an invalid-input *inbox.Error", err)
		}
		type fe struct {
			field string
			index int
			key   string
		}
		var got []fe
		for _, f := range inbox.FieldErrors(err) {
			got = append(got, fe{f.Field, f.Index, f.Key})
		}
		want := []fe{{inbox.FieldName, 0, "client.name_required"}, {inbox.FieldPhones, 1, "client.bad_phone"},
			{inbox.FieldEmail, 0, "client.bad_email"}, {inbox.FieldBirthday, 0, "client.birthday_future"},
			{inbox.FieldGender, 0, "client.bad_gender"}}
		if !slices.Equal(got, want) {
			t.Errorf("field errors\n got %v\nwant %v", got, want)
		}
		if key, args := inbox.ErrorKey(err); key != "client.name_required" || args != nil {
			t.Errorf("ErrorKey = %q %v; want the first field's", key, args)
		}
		page, err := e.svc.Clients("", inbox.ClientCursor{}, 10)
		e.must(err)
		if page.Total != 0 || len(page.Clients) != 0 {
			t.Errorf("a refused card was saved: %+v", page)
		}

		// One bad phone alone: its key and the phone as written.
		_, err = e.svc.SaveClient(e.anna.ID, inbox.Client{Name: "Анна", Phones: []string{"12-34"}})
		if key, args := inbox.ErrorKey(err); key != "client.bad_phone" || args["Phone"] != "12-34" {
			t.Errorf("bad phone: %q %v; want client.bad_phone with the phone", key, args)
		}
		_, err = e.svc.SaveClient(e.anna.ID, inbox.Client{Name: "Анна", Birthday: time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC)})
		if key, _ := inbox.ErrorKey(err); key != "client.bad_birthday" {
			t.Errorf("birthday in 1850: %v; want client.bad_birthday", err)
		}
	})
}

func TestCheckClient_Tidies(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		c := e.saveClient(inbox.Client{Surname: " Иванова ", FirstName: "Мария", Email: "maria@mail.ru",
			Phones:   []string{"8 (912) 345-67-89", "+79123456789", "", "9261112233"},
			Birthday: time.Date(1990, 5, 17, 23, 30, 0, 0, time.FixedZone("MSK", 3*3600))})
		if c.Name != "Иванова Мария" || c.Surname != "Иванова" {
			t.Errorf("name %q, surname %q; want the full name as the name, trimmed", c.Name, c.Surname)
		}
		if !slices.Equal(c.Phones, []string{"79123456789", "79261112233"}) || c.MainPhone() != "79123456789" {
			t.Errorf("phones = %v; want normalised, without repeats, the first main", c.Phones)
		}
		if !c.Birthday.Equal(time.Date(1990, 5, 17, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("birthday = %v; want the date as written", c.Birthday)
		}
	})
}

func TestParseDate(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"17.05.1990", time.Date(1990, 5, 17, 0, 0, 0, 0, time.UTC), true},
		{"7.5.1990", time.Date(1990, 5, 7, 0, 0, 0, 0, time.UTC), true},
		{"1990-05-17", time.Date(1990, 5, 17, 0, 0, 0, 0, time.UTC), true},
		{" ", time.Time{}, true},
		{"31.02.1990", time.Time{}, false},
		{"завтра", time.Time{}, false},
	}
	for _, c := range cases {
		got, err := inbox.ParseDate(inbox.FieldBirthday, c.in)
		if !got.Equal(c.want) || (err == nil) != c.ok {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, ok %v", c.in, got, err, c.want, c.ok)
		}
		if err != nil {
			if fe := inbox.FieldErrors(err); len(fe) != 1 || fe[0].Field != inbox.FieldBirthday || fe[0].Key != "client.bad_date" {
				t.Errorf("ParseDate(%q) field errors = %v", c.in, fe)
			}
		}
	}
}

// Every change of a card is recorded, one entry per field, with operator and time.
func TestService_SaveClient_History(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		c := e.saveClient(inbox.Client{Name: "Мария", Phones: []string{"89123456789"}})
		created := e.clock.Now()
		c.Surname, c.Email, c.Gender, c.Consent, c.Source = "Иванова", "maria@mail.ru", inbox.GenderFemale, true, "пришла из Instagram"
		c.Phones = append(c.Phones, "+7 926 111-22-33")
		_, err := e.svc.SaveClient(e.olga.ID, c)
		e.must(err)
		_, err = e.svc.SaveClient(e.olga.ID, c) // nothing changed: nothing recorded
		e.must(err)

		h := e.history(c.ID)
		want := []string{inbox.ChangeCreated, inbox.FieldSurname, inbox.FieldPhones, inbox.FieldEmail, inbox.FieldGender,
			inbox.FieldSource, inbox.FieldConsent}
		if !slices.Equal(fields(h), want) {
			t.Fatalf("history fields %v; want %v", fields(h), want)
		}
		if h[0].OperatorName != "Анна Петрова" || !h[0].At.Equal(created) || h[0].New != "Мария" {
			t.Errorf("created = %+v; want by Анна at %v", h[0], created)
		}
		ph := h[2]
		if ph.Operator != e.olga.ID || ph.OperatorName != "Ольга Смирнова" || ph.Old != "+7 912 345-67-89" ||
			ph.New != "+7 912 345-67-89, +7 926 111-22-33" || ph.Client != c.ID {
			t.Errorf("phones change = %+v", ph)
		}
		if h[6].Old != "false" || h[6].New != "true" {
			t.Errorf("consent change = %+v", h[6])
		}

		e.must(e.svc.SetMainPhone(e.anna.ID, c.ID, "8 926 111 22 33"))
		cd, err := e.svc.ClientDetails(c.ID)
		e.must(err)
		if cd.Client.MainPhone() != "79261112233" || len(cd.Client.Phones) != 2 {
			t.Errorf("after SetMainPhone phones = %v", cd.Client.Phones)
		}
		if h := e.history(c.ID); h[len(h)-1].Field != inbox.FieldPhones || h[len(h)-1].New != "+7 926 111-22-33, +7 912 345-67-89" {
			t.Errorf("main phone change = %+v", h[len(h)-1])
		}
		if key, _ := inbox.ErrorKey(e.svc.SetMainPhone(e.anna.ID, c.ID, "+7 999 000-00-00")); key != "client.no_such_phone" {
			t.Errorf("SetMainPhone of another number: %s", key)
		}
	})
}

// A chat made into a client, and chats attached by hand or by phone, are recorded.
func TestService_ClientHistory_Chats(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		wa := e.receiveExt(inbox.Inbound{Account: e.wa.ID, Peer: "79123456789@s.whatsapp.net", Phone: "79123456789",
			ChatName: "Маша", ExternalID: "w1", Text: "Привет"})
		cl, err := e.svc.CreateClientFromChat(e.anna.ID, wa.Chat)
		e.must(err)
		tg := e.receive("777", "Это снова Маша")
		e.must(e.svc.AttachChat(e.olga.ID, tg.Chat, cl.ID))
		h := e.history(cl.ID)
		if got, want := fields(h), []string{inbox.ChangeCreated, inbox.ChangeChatAttached, inbox.ChangeChatAttached}; !slices.Equal(got, want) {
			t.Fatalf("history %v; want %v", got, want)
		}
		if h[1].Chat != wa.Chat || h[1].New != "Маша" || h[2].Chat != tg.Chat || h[2].OperatorName != "Ольга Смирнова" {
			t.Errorf("attach records = %+v, %+v", h[1], h[2])
		}
	})
}

// A client entered by hand with a phone is recognised when that number writes.
func TestService_Receive_LinksByClientPhone(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		cl := e.saveClient(inbox.Client{Name: "Петрова Ольга", Phones: []string{"8 (922) 000-11-22"}})
		other := e.saveClient(inbox.Client{Name: "Петров Олег", Phones: []string{"+7 922 000-11-22"}}) // same family phone
		r := e.receiveExt(inbox.Inbound{Account: e.wa.ID, Peer: "79220001122@s.whatsapp.net", Phone: "79220001122",
			ChatName: "Оля", ExternalID: "w1", Text: "Здравствуйте"})
		c, err := e.svc.Chat(r.Chat)
		e.must(err)
		if c.Client != cl.ID || c.ClientName != "Петрова Ольга" {
			t.Fatalf("chat linked to %d %q; want the oldest card with the number, %d", c.Client, c.ClientName, cl.ID)
		}
		h := e.history(cl.ID)
		last := h[len(h)-1]
		if last.Field != inbox.ChangeChatAttached || last.Chat != r.Chat || last.Operator != 0 || last.OperatorName != "" {
			t.Errorf("auto link record = %+v; want chat_attached by nobody", last)
		}
		if len(e.history(other.ID)) != 1 {
			t.Errorf("the other card with the number got history: %v", fields(e.history(other.ID)))
		}
	})
}
