package inbox_test

import (
	"slices"
	"testing"
	"time"

	"salonchat/inbox"
)

func TestRenderTemplate(t *testing.T) {
	msk := time.FixedZone("MSK", 3*3600)
	client := &inbox.Client{Name: "Иванова Мария", Surname: "Иванова", FirstName: "Мария", Patronymic: "Сергеевна", Phones: []string{"79123456789"}}
	visit := &inbox.Visit{At: time.Date(2026, 12, 1, 11, 0, 0, 0, time.UTC), Master: "Ольга", Service: "Маникюр"}
	full := inbox.TemplateData{Client: client, Visit: visit, Salon: inbox.Salon{Name: "Лотос"}, Operator: inbox.Operator{Name: "Анна"}, Location: msk}
	cases := []struct {
		name     string
		text     string
		data     inbox.TemplateData
		want     string
		problems []inbox.FieldProblem
	}{
		{"every field", "{Клиент.Имя}, ждём вас {Визит.Дата} в {Визит.Время} у мастера {Визит.Мастер} ({Визит.Услуга}). {Салон.Название}, {Оператор.Имя}",
			full, "Мария, ждём вас 01.12.2026 в 14:00 у мастера Ольга (Маникюр). Лотос, Анна", nil},
		{"full name", "{Клиент.ФИО}", full, "Иванова Мария Сергеевна", nil},
		{"no visit", "Ждём вас {Визит.Дата}", inbox.TemplateData{Client: client}, "Ждём вас {Визит.Дата}",
			[]inbox.FieldProblem{{Field: "Визит.Дата", Reason: "template.no_value"}}},
		{"no client", "{Клиент.Имя}, привет", inbox.TemplateData{}, "{Клиент.Имя}, привет",
			[]inbox.FieldProblem{{Field: "Клиент.Имя", Reason: "template.no_value"}}},
		{"unknown field", "Скидка {Клиент.Скидка}", full, "Скидка {Клиент.Скидка}",
			[]inbox.FieldProblem{{Field: "Клиент.Скидка", Reason: "template.unknown_field"}}},
		{"ordinary braces", "Смайлик {:)} и {слово}", full, "Смайлик {:)} и {слово}", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, problems := inbox.RenderTemplate(c.text, c.data)
			if got != c.want || !slices.Equal(problems, c.problems) {
				t.Errorf("RenderTemplate(%q) = %q, %v; want %q, %v", c.text, got, problems, c.want, c.problems)
			}
		})
	}
}

func FuzzRenderTemplate(f *testing.F) {
	for _, s := range []string{"{Клиент.Имя}", "{{Клиент.Имя}}", "{Визит.Дата", "}{", "{А.Б}{В.Г}"} {
		f.Add(s)
	}
	data := inbox.TemplateData{Client: &inbox.Client{FirstName: "Мария"}, Salon: inbox.Salon{Name: "Лотос"}}
	f.Fuzz(func(t *testing.T, text string) {
		out, problems := inbox.RenderTemplate(text, data)
		// Whatever is left unfilled is reported: a text without problems holds no field.
		if _, left := inbox.UnfilledField(out); left && len(problems) == 0 {
			t.Errorf("RenderTemplate(%q) = %q leaves a field without reporting it", text, out)
		}
	})
}

func TestService_TemplateData(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		r := e.receiveExt(inbox.Inbound{Account: e.wa.ID, Peer: "p", Phone: "89123456789", ExternalID: "1", Text: "?"})
		cl, err := e.svc.CreateClientFromChat(e.anna.ID, r.Chat)
		e.must(err)
		cl.FirstName = "Мария"
		_, err = e.svc.SaveClient(e.anna.ID, cl)
		e.must(err)
		e.must(e.svc.SetSalon(inbox.Salon{Name: "Лотос"}))
		past := inbox.Visit{Client: cl.ID, At: t0.Add(-48 * time.Hour), Master: "Старый", Status: inbox.VisitCame}
		later := inbox.Visit{Client: cl.ID, At: t0.Add(72 * time.Hour), Master: "Поздний", Status: inbox.VisitBooked}
		next := inbox.Visit{Client: cl.ID, At: t0.Add(24 * time.Hour), Master: "Ближний", Status: inbox.VisitBooked}
		for _, v := range []inbox.Visit{past, later, next} {
			_, err := e.svc.SaveVisit(v)
			e.must(err)
		}
		data, err := e.svc.TemplateData(e.anna.ID, r.Chat)
		e.must(err)
		got, problems := inbox.RenderTemplate("{Клиент.Имя}: {Визит.Мастер}, {Салон.Название}, {Оператор.Имя}", data)
		if want := "Мария: Ближний, Лотос, Анна Петрова"; got != want || problems != nil {
			t.Errorf("rendered %q %v; want %q", got, problems, want)
		}
	})
}

func TestService_SaveTemplate_UnknownField(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		_, err := e.svc.SaveTemplate(inbox.Template{Title: "Скидка", Text: "Ваша скидка {Клиент.Скидка}"})
		if key, args := inbox.ErrorKey(err); key != "template.unknown_field" || args["Field"] != "Клиент.Скидка" {
			t.Errorf("SaveTemplate error = %v; want template.unknown_field naming the field", err)
		}
		if _, err := e.svc.SaveTemplate(inbox.Template{Title: "Запись", Text: "{Клиент.Имя}, ждём вас {Визит.Дата}"}); err != nil {
			t.Errorf("SaveTemplate with known fields: %v", err)
		}
	})
}
