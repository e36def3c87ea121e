package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestStaffRenameAndLastActiveRefused(t *testing.T) {
	f := newFixture(t)
	w := f.ui.openStaff()
	w.askRename(f.olga)
	w.renameE.SetText("Ольга Иванова")
	w.rename.Submit()
	ops, err := f.svc.Operators()
	must(t, err)
	if ops[1].Name != "Ольга Иванова" {
		t.Fatalf("operators %+v", ops)
	}
	if !strings.Contains(strings.Join(visibleTexts(w.list), "\n"), "Ольга Иванова") {
		t.Error("the list does not show the new name")
	}
	w.setActive(f.olga, false)
	w.setActive(f.anna, false)
	if !w.errs.Visible() || !strings.Contains(w.errs.Text, "последний активный") {
		t.Errorf("last active refusal %q", w.errs.Text)
	}
	ops, _ = f.svc.Operators()
	if !ops[0].Active || ops[1].Active {
		t.Errorf("operators %+v", ops)
	}
	shoot(t, f.ui, "staff")
}

func TestStaffSalonSave(t *testing.T) {
	f := newFixture(t)
	w := f.ui.openStaff()
	w.address.SetText("")
	test.Type(w.address, "пр. Мира, 5")
	w.saveSalon()
	sl, err := f.svc.Salon()
	must(t, err)
	if sl.Address != "пр. Мира, 5" || sl.Name != "Лотос" || w.saved.Text == "" {
		t.Errorf("salon %+v, saved %q", sl, w.saved.Text)
	}
}
