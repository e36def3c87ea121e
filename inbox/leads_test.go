package inbox_test

import (
	"slices"
	"testing"
	"time"

	"salonchat/inbox"
)

func leadIDs(ls []inbox.Lead) []inbox.LeadID {
	var out []inbox.LeadID
	for _, l := range ls {
		out = append(out, l.ID)
	}
	return out
}

// allLeads reads a lead tab page by page.
func (e *env) allLeads(status inbox.LeadStatus) []inbox.LeadID {
	e.t.Helper()
	var out []inbox.LeadID
	var after inbox.LeadID
	for {
		ls, next, err := e.svc.Leads(status, after, 2)
		e.must(err)
		out = append(out, leadIDs(ls)...)
		if next == 0 {
			return out
		}
		after = next
	}
}

// A lead moves through its statuses; a rejection needs its reason; the list's tabs and
// counts follow.
func TestService_LeadStatus(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		var ls []inbox.Lead
		for _, name := range []string{"Вера", "Дарья", "Ирина", "Ольга"} {
			l, err := e.svc.SaveLead(inbox.Lead{Name: name, Phone: "8 912 000 00 0" + string(rune('1'+len(ls))), Channel: inbox.VK, Want: "Стрижка"})
			e.must(err)
			if l.Status != inbox.LeadNew || l.Phone == "" || l.Phone[0] != '7' {
				t.Fatalf("new lead = %+v; want status new and a normalised phone", l)
			}
			ls = append(ls, l)
		}
		e.must(e.svc.SetLeadStatus(e.olga.ID, ls[0].ID, inbox.LeadWorking, ""))
		got, err := e.svc.Lead(ls[0].ID)
		e.must(err)
		if got.Status != inbox.LeadWorking || got.Operator != e.olga.ID {
			t.Errorf("lead taken into work = %+v; want working, Ольга responsible", got)
		}

		err = e.svc.SetLeadStatus(e.anna.ID, ls[1].ID, inbox.LeadRejected, "  ")
		if fe := inbox.FieldErrors(err); len(fe) != 1 || fe[0].Key != "lead.reason_required" || fe[0].Field != inbox.FieldLeadReason {
			t.Errorf("rejection without reason: %v; want lead.reason_required on the reason", err)
		}
		if l, _ := e.svc.Lead(ls[1].ID); l.Status != inbox.LeadNew || l.Operator != 0 {
			t.Errorf("a refused status change changed the lead: %+v", l)
		}
		e.must(e.svc.SetLeadStatus(e.anna.ID, ls[1].ID, inbox.LeadRejected, "Нет мастера на эту дату"))
		e.must(e.svc.SetLeadStatus(e.anna.ID, ls[2].ID, inbox.LeadRejected, "Дорого"))
		e.must(e.svc.SetLeadStatus(e.anna.ID, ls[2].ID, inbox.LeadBooked, "Дорого"))
		if l, _ := e.svc.Lead(ls[2].ID); l.Status != inbox.LeadBooked || l.Reason != "" || l.Operator != e.anna.ID {
			t.Errorf("lead booked after a rejection = %+v; want no reason", l)
		}
		if err := e.svc.SetLeadStatus(e.anna.ID, ls[3].ID, "lost", ""); errKey(err) != "lead.bad_status" {
			t.Errorf("unknown status: %v", err)
		}

		counts, err := e.svc.LeadCounts()
		e.must(err)
		if want := (inbox.LeadCounts{inbox.LeadNew: 1, inbox.LeadWorking: 1, inbox.LeadRejected: 1, inbox.LeadBooked: 1}); !mapsEqual(counts, want) || counts.Total() != 4 {
			t.Errorf("LeadCounts = %v; want %v", counts, want)
		}
		for status, want := range map[inbox.LeadStatus][]inbox.LeadID{
			"":                 {ls[3].ID, ls[2].ID, ls[1].ID, ls[0].ID},
			inbox.LeadNew:      {ls[3].ID},
			inbox.LeadWorking:  {ls[0].ID},
			inbox.LeadRejected: {ls[1].ID},
			inbox.LeadBooked:   {ls[2].ID},
		} {
			if got := e.allLeads(status); !slices.Equal(got, want) {
				t.Errorf("Leads(%q) = %v; want %v", status, got, want)
			}
		}
		if _, _, err := e.svc.Leads("lost", 0, 10); errKey(err) != "lead.bad_status" {
			t.Errorf("Leads(unknown status): %v", err)
		}
	})
}

func mapsEqual(a, b inbox.LeadCounts) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestService_SaveLead_Validation(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		_, err := e.svc.SaveLead(inbox.Lead{Status: inbox.LeadRejected, Phone: "abc"})
		var keys []string
		for _, f := range inbox.FieldErrors(err) {
			keys = append(keys, f.Key)
		}
		if !slices.Equal(keys, []string{"lead.reason_required", "lead.bad_phone"}) {
			t.Errorf("SaveLead(bad) field errors %v", keys)
		}
		if _, err := e.svc.SaveLead(inbox.Lead{Want: "Маникюр"}); errKey(err) != "lead.who_required" {
			t.Errorf("SaveLead without anyone: %v", err)
		}
		if counts, _ := e.svc.LeadCounts(); counts.Total() != 0 {
			t.Errorf("refused leads were saved: %v", counts)
		}
	})
}

// A dialog from an unknown chat becomes a lead in one click; a linked chat's lead is
// its client's.
func TestService_LeadFromDialog(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		r := e.receiveExt(inbox.Inbound{Account: e.wa.ID, Peer: "79261112233@s.whatsapp.net", Phone: "79261112233",
			ChatName: "Дарья", ExternalID: "w1", Text: "Можно на окрашивание в субботу?"})
		l, err := e.svc.LeadFromDialog(e.olga.ID, r.Dialog)
		e.must(err)
		want := inbox.Lead{ID: l.ID, Name: "Дарья", Phone: "79261112233", Channel: inbox.WhatsApp, Status: inbox.LeadNew,
			Operator: e.olga.ID, Chat: r.Chat, Dialog: r.Dialog, Created: e.clock.Now()}
		if l != want {
			t.Errorf("lead from an unknown chat\n got %+v\nwant %+v", l, want)
		}

		cl := e.saveClient(inbox.Client{Name: "Иванова Мария", Phones: []string{"79123456789"}})
		tg := e.receive("5", "Хочу на маникюр")
		e.must(e.svc.AttachChat(e.anna.ID, tg.Chat, cl.ID))
		l2, err := e.svc.LeadFromDialog(e.anna.ID, tg.Dialog)
		e.must(err)
		if l2.Client != cl.ID || l2.Name != "Иванова Мария" || l2.Phone != "79123456789" || l2.Channel != inbox.Telegram {
			t.Errorf("lead from a client's chat = %+v", l2)
		}
		cd, err := e.svc.ClientDetails(cl.ID)
		e.must(err)
		if !slices.Equal(leadIDs(cd.Leads), []inbox.LeadID{l2.ID}) {
			t.Errorf("client's leads = %v; want [%d]", leadIDs(cd.Leads), l2.ID)
		}
		if got := e.allLeads(inbox.LeadNew); !slices.Equal(got, []inbox.LeadID{l2.ID, l.ID}) {
			t.Errorf("new leads = %v", got)
		}
	})
}

// Template fields come from a lead: its request and date, its client, or for a lead
// without a client the name and phone it gave.
func TestService_TemplateDataForLead(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		e.must(e.svc.SetSalon(inbox.Salon{Name: "Лотос"}))
		cl := e.saveClient(inbox.Client{Name: "Иванова Мария", FirstName: "Мария", Phones: []string{"79123456789"}})
		desired := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
		withClient, err := e.svc.SaveLead(inbox.Lead{Client: cl.ID, Want: "Окрашивание", Desired: desired})
		e.must(err)
		stranger, err := e.svc.SaveLead(inbox.Lead{Name: "Дарья", Phone: "89261112233", Want: "Стрижка"})
		e.must(err)
		text := "{Клиент.Имя}, {Оператор.Имя} из «{Салон.Название}»: ждём вас на «{Заявка.Услуга}»"
		cases := []struct {
			lead inbox.LeadID
			text string
			want string
		}{
			{withClient.ID, text + " {Заявка.Дата}", "Мария, Ольга Смирнова из «Лотос»: ждём вас на «Окрашивание» 05.12.2026"},
			{stranger.ID, text + ". {Заявка.Имя}, {Заявка.Телефон}", "Дарья, Ольга Смирнова из «Лотос»: ждём вас на «Стрижка». Дарья, +7 926 111-22-33"},
		}
		for _, c := range cases {
			data, err := e.svc.TemplateDataForLead(e.olga.ID, c.lead)
			e.must(err)
			data.Location = time.UTC
			got, problems := inbox.RenderTemplate(c.text, data)
			if got != c.want || len(problems) != 0 {
				t.Errorf("lead %d: %q, %v; want %q", c.lead, got, problems, c.want)
			}
		}
		data, err := e.svc.TemplateDataForClient(e.anna.ID, cl.ID)
		e.must(err)
		if got, _ := inbox.RenderTemplate("{Клиент.Имя}, {Оператор.Имя}", data); got != "Мария, Анна Петрова" {
			t.Errorf("TemplateDataForClient renders %q", got)
		}
	})
}
