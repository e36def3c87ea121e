package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestTemplatesEditorPreviewAndUnknownField(t *testing.T) {
	f := newFixture(t)
	e := f.ui.openTemplates()
	if len(e.active) != 1 {
		t.Fatalf("templates %+v", e.active)
	}
	e.actList.Select(0)
	test.Type(e.previewC.search, "Иванова")
	if e.previewC.chosen == 0 {
		t.Fatal("no client chosen for the preview")
	}
	if p := e.preview.Text; !strings.HasPrefix(p, "Мария, ждём вас 21.11.2026") || !strings.Contains(p, "Лотос") {
		t.Errorf("preview %q", p)
	}
	if e.warn.Visible() {
		t.Errorf("warning on a good template: %q", e.warn.Text)
	}
	e.text.CursorRow, e.text.CursorColumn = 0, len([]rune(e.text.Text))
	test.Type(e.text, " {Клиент.Скидка}")
	if !e.warn.Visible() || !strings.Contains(e.warn.Text, "{Клиент.Скидка}") {
		t.Errorf("unknown field not flagged as typed: %q", e.warn.Text)
	}
	e.save()
	if ts, _ := f.svc.Templates(); strings.Contains(ts[0].Text, "Скидка") {
		t.Error("a template with an unknown field was saved")
	}
	shoot(t, f.ui, "templates")
}

func TestTemplatesEditorInsertsFieldAndArchives(t *testing.T) {
	f := newFixture(t)
	e := f.ui.openTemplates()
	test.Type(e.title, "Спасибо")
	test.Type(e.text, "Спасибо, ")
	e.insertField("Клиент.Имя")
	if e.text.Text != "Спасибо, {Клиент.Имя}" {
		t.Fatalf("text %q", e.text.Text)
	}
	e.save()
	if len(e.active) != 2 || e.cur.ID == 0 {
		t.Fatalf("after save: %+v", e.active)
	}
	test.Tap(e.archive)
	if len(e.active) != 1 || len(e.archived) != 1 || !e.restore.Visible() {
		t.Fatalf("after archive: %d active, %d archived", len(e.active), len(e.archived))
	}
	if ts, _ := f.svc.Templates(); len(ts) != 1 {
		t.Errorf("the composer still offers %d templates", len(ts))
	}
	test.Tap(e.restore)
	if ts, _ := f.svc.Templates(); len(ts) != 2 {
		t.Errorf("restored: composer offers %d templates", len(ts))
	}
}
