package inbox_test

import (
	"slices"
	"testing"

	"salonchat/inbox"
)

// Operators are renamed and deactivated, never deleted; their history keeps their name.
func TestService_Operators(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		r := e.receive("1", "Добрый день")
		e.send(e.olga, r.Chat, "Здравствуйте!")
		e.must(e.svc.RenameOperator(e.olga.ID, "  Ольга Кузнецова "))
		if key := errKey(e.svc.RenameOperator(e.olga.ID, " ")); key != "operator.name_required" {
			t.Errorf("rename to nothing: %s", key)
		}
		e.must(e.svc.SetOperatorActive(e.olga.ID, false))
		ops, err := e.svc.Operators()
		e.must(err)
		if len(ops) != 2 || ops[1].Name != "Ольга Кузнецова" || ops[1].Active {
			t.Errorf("operators = %+v; want Ольга renamed and inactive, still listed", ops)
		}
		if th := e.thread(r.Chat); th[1].System.OperatorName != "Ольга Смирнова" || th[2].Author != e.olga.ID {
			t.Errorf("history after rename: %+v, author %d; want the name at the time", th[1].System, th[2].Author)
		}
		if key := errKey(e.svc.SetOperatorActive(e.anna.ID, false)); key != "operator.last_active" {
			t.Errorf("deactivating the last active operator: %s", key)
		}
		e.must(e.svc.SetOperatorActive(e.olga.ID, true))
		e.must(e.svc.SetOperatorActive(e.anna.ID, false))
	})
}

// Templates are archived, never deleted; the editor sees them all.
func TestService_Templates_Archive(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		a, err := e.svc.SaveTemplate(inbox.Template{Title: "Привет", Text: "Здравствуйте, {Клиент.Имя}!"})
		e.must(err)
		b, err := e.svc.SaveTemplate(inbox.Template{Title: "Адрес", Text: "{Салон.Адрес}"})
		e.must(err)
		e.must(e.svc.ArchiveTemplate(a.ID))
		active, err := e.svc.Templates()
		e.must(err)
		all, err := e.svc.AllTemplates()
		e.must(err)
		if len(active) != 1 || active[0].ID != b.ID || len(all) != 2 || !all[0].Archived {
			t.Errorf("after archiving: active %+v, all %+v", active, all)
		}
		e.must(e.svc.RestoreTemplate(a.ID))
		if active, _ := e.svc.Templates(); len(active) != 2 {
			t.Errorf("after restoring: %d active; want 2", len(active))
		}
		if err := e.svc.ArchiveTemplate(999); errKey(err) != "error.internal" || err == nil {
			t.Errorf("archiving a missing template: %v", err)
		}
	})
}

func TestTemplateFieldGroups(t *testing.T) {
	var names []string
	n := 0
	for _, g := range inbox.TemplateFieldGroups() {
		names = append(names, g.Name)
		n += len(g.Fields)
		for _, f := range g.Fields {
			if len(inbox.CheckTemplate("{"+f+"}")) != 0 {
				t.Errorf("field %s of group %s is not known", f, g.Name)
			}
		}
	}
	if !slices.Equal(names, []string{"Клиент", "Визит", "Заявка", "Салон", "Оператор"}) || n != len(inbox.TemplateFields()) {
		t.Errorf("groups %v with %d fields; want the editor's five covering all %d", names, n, len(inbox.TemplateFields()))
	}
	got := inbox.CheckTemplate("{Клиент.Имя}, скидка {Клиент.Скидка} до {Визит.Дата} {Заявка.Цвет}")
	if want := []inbox.FieldProblem{{Field: "Клиент.Скидка", Reason: "template.unknown_field"}, {Field: "Заявка.Цвет", Reason: "template.unknown_field"}}; !slices.Equal(got, want) {
		t.Errorf("CheckTemplate = %v; want %v", got, want)
	}
}
