package export_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"salonchat/export"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

const secret = "7001234567:AAF-very-secret-token"

// fill builds a small salon through the Service: a client with a visit, task and lead,
// two chats (one linked), a reply, an edit, an attachment, a postponement and a closure.
func fill(t *testing.T) (inbox.Store, inbox.ClientID) {
	t.Helper()
	store := inboxtest.NewMemStore()
	clock := inboxtest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	svc := inbox.NewService(store, inbox.WithClock(clock))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(svc.SetSalon(inbox.Salon{Name: "Лотос", Address: "ул. Ленина, 1", Phone: "+7 343 200-00-00"}))
	op, err := svc.AddOperator("Анна Смирнова")
	must(err)
	acc, err := svc.AddAccount(inbox.Account{Network: inbox.Telegram, Title: "@lotos_salon_bot", Settings: map[string]string{"token": secret}})
	must(err)
	must(svc.SetHealth(acc.ID, inbox.Health{State: inbox.HealthOK}))
	_, err = svc.SaveTemplate(inbox.Template{Title: "Привет", Text: "Здравствуйте, {Клиент.Имя}!"})
	must(err)
	cl, err := svc.SaveClient(op.ID, inbox.Client{Name: "Иванова Мария", Surname: "Иванова", FirstName: "Мария",
		Phones: []string{"+7 912 345-67-89"}, Birthday: time.Date(1990, 5, 17, 0, 0, 0, 0, time.UTC),
		Gender: inbox.GenderFemale, Source: "Instagram", Consent: true})
	must(err)
	double, err := svc.SaveClient(op.ID, inbox.Client{Name: "Маша", Phones: []string{"8 926 111-22-33"}})
	must(err)
	_, err = svc.MergeClients(op.ID, cl.ID, double.ID)
	must(err)
	_, err = svc.SaveVisit(inbox.Visit{Client: cl.ID, At: clock.Now().AddDate(0, 0, 3), Master: "Светлана", Service: "Стрижка женская", Price: 180000, Status: inbox.VisitBooked})
	must(err)
	_, err = svc.SaveTask(inbox.Task{Client: cl.ID, Text: "Перезвонить", Operator: op.ID})
	must(err)
	_, err = svc.SaveLead(inbox.Lead{Client: cl.ID, Want: "Окрашивание", Channel: inbox.Telegram})
	must(err)

	r, err := svc.Receive(inbox.Inbound{Account: acc.ID, Peer: "100", ChatName: "Маша", ExternalID: "1", Text: "Здравствуйте, можно на стрижку?"})
	must(err)
	must(svc.AttachChat(op.ID, r.Chat, cl.ID))
	clock.Advance(time.Minute)
	_, err = svc.Receive(inbox.Inbound{Account: acc.ID, Peer: "100", ExternalID: "1@e", EditOf: "1", Text: "Здравствуйте, можно на стрижку в пятницу?"})
	must(err)
	_, err = svc.Receive(inbox.Inbound{Account: acc.ID, Peer: "100", ExternalID: "2", Text: "",
		Attachments: []inbox.Attachment{{Kind: inbox.AttachImage, Name: "фото.jpg", RemoteID: "file-handle-1"}}})
	must(err)
	clock.Advance(time.Minute)
	m, err := svc.Send(op.ID, inbox.Outgoing{Chat: r.Chat, Text: "Да, в пятницу в 15:00 свободно."})
	must(err)
	_, err = svc.UpdateDelivery(m.ID, inbox.Delivery{State: inbox.Read, ExternalID: "3"})
	must(err)
	must(svc.PostponeFor(op.ID, r.Dialog, inbox.PostponeHour))

	other, err := svc.Receive(inbox.Inbound{Account: acc.ID, Peer: "200", ChatName: "Реклама", ExternalID: "1", Text: "Продвижение салонов"})
	must(err)
	_, err = svc.LeadFromDialog(op.ID, other.Dialog) // a lead of nobody yet
	must(err)
	must(svc.CloseDialog(op.ID, other.Dialog))
	return store, cl.ID
}

func records(t *testing.T, store inbox.Store, f export.Filter) (out string, byType map[string][]map[string]any) {
	t.Helper()
	var buf bytes.Buffer
	if err := export.Write(&buf, store, f); err != nil {
		t.Fatal(err)
	}
	byType = map[string][]map[string]any{}
	sc := bufio.NewScanner(bytes.NewReader(buf.Bytes()))
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		typ, _ := rec["type"].(string)
		byType[typ] = append(byType[typ], rec)
	}
	return buf.String(), byType
}

func TestWrite_Everything(t *testing.T) {
	store, _ := fill(t)
	out, got := records(t, store, export.Filter{})
	want := map[string]int{"salon": 1, "account": 1, "operator": 1, "template": 1, "client": 2, "lead": 1, "chat": 2, "dialog": 2}
	for typ, n := range want {
		if len(got[typ]) != n {
			t.Errorf("%s records = %d; want %d", typ, len(got[typ]), n)
		}
	}
	if strings.Contains(out, secret) || strings.Contains(out, "token") || strings.Contains(out, "file-handle") {
		t.Errorf("export leaks a token or a file handle:\n%s", out)
	}
	client := got["client"][0]
	for _, field := range []string{"visits", "tasks", "leads", "phones", "birthday", "gender", "source", "consent", "history"} {
		if client[field] == nil {
			t.Errorf("client record has no %s: %v", field, client)
		}
	}
	var historyFields []string
	for _, h := range client["history"].([]any) {
		historyFields = append(historyFields, h.(map[string]any)["field"].(string))
	}
	if !slices.Contains(historyFields, inbox.ChangeMergedFrom) || !slices.Contains(historyFields, inbox.ChangeChatAttached) {
		t.Errorf("client history %v; want the merge and the chat attached", historyFields)
	}
	if merged := got["client"][1]; merged["merged_into"] != client["id"] {
		t.Errorf("merged card = %v; want merged_into %v", merged, client["id"])
	}
	if lead := got["lead"][0]; lead["name"] != "Реклама" || lead["channel"] != "telegram" || lead["chat"] == nil || lead["status"] != "new" {
		t.Errorf("lead without client = %v", lead)
	}
	kinds := map[string]bool{}
	var revisions, attachments, delivered int
	for _, m := range got["message"] {
		if sys, ok := m["system"].(map[string]any); ok {
			kinds[sys["kind"].(string)] = true
		}
		if m["revisions"] != nil {
			revisions++
		}
		if m["attachments"] != nil {
			attachments++
		}
		if d, ok := m["delivery"].(map[string]any); ok && d["state"] == "read" {
			delivered++
		}
	}
	for _, k := range []inbox.SystemKind{inbox.SysClientSet, inbox.SysTaken, inbox.SysPostponed, inbox.SysClosed} {
		if !kinds[string(k)] {
			t.Errorf("no %q system message exported (have %v)", k, kinds)
		}
	}
	if revisions != 1 || attachments != 1 || delivered != 1 {
		t.Errorf("messages with revisions, attachments, read delivery = %d, %d, %d; want 1, 1, 1", revisions, attachments, delivered)
	}
}

func TestWrite_Client(t *testing.T) {
	store, client := fill(t)
	_, got := records(t, store, export.Filter{Client: client})
	if len(got["chat"]) != 1 || len(got["dialog"]) != 1 || len(got["client"]) != 1 {
		t.Errorf("client export: %d chats, %d dialogs, %d clients; want 1 each", len(got["chat"]), len(got["dialog"]), len(got["client"]))
	}
	if len(got["salon"]) != 0 || len(got["template"]) != 0 {
		t.Errorf("client export has salon or template records")
	}
	for _, m := range got["message"] {
		if m["chat"] != got["chat"][0]["id"] {
			t.Errorf("message of another chat in a client export: %v", m)
		}
	}
}

func TestWrite_UnknownClient(t *testing.T) {
	store, _ := fill(t)
	err := export.Write(&bytes.Buffer{}, store, export.Filter{Client: 999})
	var e *inbox.Error
	if !errors.As(err, &e) || e.Key != "export.no_client" || !errors.Is(err, inbox.ErrNotFound) {
		t.Fatalf("Write(unknown client) = %v; want export.no_client wrapping ErrNotFound", err)
	}
}

// TestRecords_CoverDomain fails when a field is added to a client, lead, history, chat,
// message or connection record in inbox but not to the export: the export must keep covering every record.
func TestRecords_CoverDomain(t *testing.T) {
	cases := []struct {
		domain, record any
		implied        []string // domain fields the record's place says
	}{
		{inbox.Client{}, export.Client{}, nil},
		{inbox.Lead{}, export.Lead{}, []string{"Client"}},
		{inbox.ClientChange{}, export.Change{}, []string{"Client"}},
		{inbox.Chat{}, export.Chat{}, nil},
		{inbox.Message{}, export.Message{}, []string{"ExternalID"}},
		{inbox.Connection{}, export.Connection{}, []string{"UserID"}},
	}
	for _, c := range cases {
		tags := map[string]bool{}
		rt := reflect.TypeOf(c.record)
		for i := range rt.NumField() {
			tags[strings.Split(rt.Field(i).Tag.Get("json"), ",")[0]] = true
		}
		dt := reflect.TypeOf(c.domain)
		for i := range dt.NumField() {
			name := dt.Field(i).Name
			if !slices.Contains(c.implied, name) && !tags[snake(name)] {
				t.Errorf("%s.%s is not exported (no %q in %s)", dt.Name(), name, snake(name), rt.Name())
			}
		}
	}
}

// snake turns a Go field name into the export's JSON name: FirstName → first_name.
func snake(s string) string {
	if s == "ID" {
		return "id"
	}
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
