package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

func TestLeadsTabsCountAndFollowEvents(t *testing.T) {
	f := newFixture(t)
	for _, l := range []inbox.Lead{{Name: "Дарья", Want: "Стрижка"}, {Name: "Олег", Status: inbox.LeadWorking}, {Phone: "+7 926 000-11-22"}} {
		_, err := f.svc.SaveLead(l)
		must(t, err)
	}
	w := f.ui.openLeads()
	if got := w.tabs[""].Text; got != "Все 3" {
		t.Errorf("all tab %q", got)
	}
	if got := w.tabs[inbox.LeadNew].Text; got != "Новые 2" {
		t.Errorf("new tab %q", got)
	}
	test.Tap(w.tabs[inbox.LeadWorking])
	if len(w.leads) != 1 || w.leads[0].Name != "Олег" {
		t.Fatalf("working leads %+v", w.leads)
	}
	_, err := f.svc.SaveLead(inbox.Lead{Name: "Вера", Status: inbox.LeadWorking})
	must(t, err)
	w.follow.pump()
	if len(w.leads) != 2 || w.tabs[""].Text != "Все 4" {
		t.Errorf("after a new lead: %d leads, tab %q", len(w.leads), w.tabs[""].Text)
	}
	shoot(t, f.ui, "leads_list")
}

func TestLeadRejectNeedsReason(t *testing.T) {
	f := newFixture(t)
	l, err := f.svc.SaveLead(inbox.Lead{Name: "Дарья", Phone: "+7 926 555-44-33", Want: "Стрижка"})
	must(t, err)
	c := f.ui.openLeadCard(l.ID)
	shoot(t, f.ui, "lead_card")
	c.setStatus(inbox.LeadRejected)
	p := c.reason
	p.ok() // no reason given
	if got, _ := f.svc.Lead(l.ID); got.Status != inbox.LeadNew {
		t.Fatalf("rejected without a reason: %+v", got)
	}
	if !p.errs.Visible() || !strings.Contains(p.errs.Text, "причину") {
		t.Errorf("the prompt does not ask for the reason: %q", p.errs.Text)
	}
	test.Type(p.entry, "Дорого")
	p.ok()
	got, _ := f.svc.Lead(l.ID)
	if got.Status != inbox.LeadRejected || got.Reason != "Дорого" || got.Operator != f.anna.ID {
		t.Errorf("lead %+v; want rejected by Анна, because Дорого", got)
	}
}

func TestNewLeadFormShowsErrorsAndSaves(t *testing.T) {
	f := newFixture(t)
	c := f.ui.openLeadCard(0)
	c.save()
	if !c.errs.Visible() || !strings.Contains(c.errs.Text, "имя и телефон") {
		t.Errorf("empty form error %q", c.errs.Text)
	}
	test.Type(c.client.search, "Иванова")
	if c.client.chosen == 0 {
		t.Fatal("searching Иванова chose nobody")
	}
	test.Type(c.want, "Педикюр")
	test.Type(c.desired, "32.13.2026")
	c.save()
	if !strings.Contains(c.errs.Text, "не дата") {
		t.Errorf("bad date error %q", c.errs.Text)
	}
	c.desired.SetText("28.11.2026")
	c.save()
	ls, _, err := f.svc.Leads("", 0, 10)
	must(t, err)
	if len(ls) != 1 || ls[0].Client != c.client.chosen || ls[0].Want != "Педикюр" || ls[0].Desired.Day() != 28 {
		t.Errorf("saved leads %+v", ls)
	}
}

func TestLeadFromDialogHeader(t *testing.T) {
	f := newFixture(t)
	f.ui.openDialog(f.unanswer.Dialog)
	var btn *widget.Button
	walk(f.ui.dialog.header.view(), func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && b.Text == "Создать заявку" {
			btn = b
		}
		return true
	})
	if btn == nil {
		t.Fatal("no «Создать заявку» in the dialog header")
	}
	test.Tap(btn)
	ls, _, err := f.svc.Leads("", 0, 10)
	must(t, err)
	if len(ls) != 1 || ls[0].Dialog != f.unanswer.Dialog || ls[0].Operator != f.anna.ID || ls[0].Name != "Иванова Мария" {
		t.Fatalf("leads %+v", ls)
	}
	if !strings.Contains(overlayText(f.ui), "Заявка: Иванова Мария") {
		t.Errorf("the lead card did not open:\n%s", overlayText(f.ui))
	}
	shoot(t, f.ui, "lead_from_dialog")
}
