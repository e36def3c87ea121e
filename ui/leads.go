package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// leadsPage is how many leads one read of the list takes.
const leadsPage = 200

// leadsWindow is Главное → Заявки: status tabs with counts, the list, "Новая заявка".
// It follows EventLead through its own subscription while open.
type leadsWindow struct {
	u      *UI
	status inbox.LeadStatus // "" for all
	tabs   map[inbox.LeadStatus]*widget.Button
	leads  []inbox.Lead
	ops    map[inbox.OperatorID]string
	list   *widget.List
	empty  *widget.Label
	dlg    *dialog.CustomDialog
	follow *leadFollower
}

// showLeads opens Главное → Заявки: the leads with status filters and counts.
func (u *UI) showLeads() { u.openLeads() }

// openLeads is showLeads returning the window, for tests.
func (u *UI) openLeads() *leadsWindow {
	w := &leadsWindow{u: u, tabs: map[inbox.LeadStatus]*widget.Button{}}
	tr := u.tr
	tabs := container.NewHBox()
	for _, s := range append([]inbox.LeadStatus{""}, inbox.LeadStatuses...) {
		b := widget.NewButton("", func() { w.setStatus(s) })
		w.tabs[s] = b
		tabs.Add(b)
	}
	add := widget.NewButton(tr.T("leads.new"), func() { w.u.openLeadCard(0) })
	add.Importance = widget.HighImportance
	w.list = widget.NewList(func() int { return len(w.leads) }, newLeadRow, w.updateRow)
	w.list.OnSelected = func(id widget.ListItemID) {
		w.list.UnselectAll()
		w.u.openLeadCard(w.leads[id].ID)
	}
	w.empty = widget.NewLabel(tr.T("leads.empty"))
	w.empty.Importance = widget.LowImportance
	top := container.NewBorder(nil, nil, nil, add, tabs)
	body := container.NewBorder(top, nil, nil, nil, container.NewStack(w.list, container.NewCenter(w.empty)))
	w.dlg = dialog.NewCustom(tr.T("leads.title"), tr.T("leads.close"), body, u.win)
	w.dlg.Resize(fyne.NewSize(1000, 620))
	w.follow = u.followLeads(w.reload)
	w.dlg.SetOnClosed(w.follow.close)
	w.reload()
	w.dlg.Show()
	return w
}

func (w *leadsWindow) setStatus(s inbox.LeadStatus) {
	w.status = s
	w.reload()
}

// reload reads the counts and the leads of the chosen status.
func (w *leadsWindow) reload() {
	counts, err := w.u.svc.LeadCounts()
	if err != nil {
		w.u.showError(err)
		return
	}
	for s, b := range w.tabs {
		n := counts[s]
		if s == "" {
			n = counts.Total()
		}
		b.SetText(w.u.tr.T("leads.tab."+tabKey(s), map[string]any{"N": n}))
		b.Importance = widget.LowImportance
		if s == w.status {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
	w.ops = w.u.operatorNames()
	w.leads = w.leads[:0]
	for after := inbox.LeadID(0); ; {
		page, next, err := w.u.svc.Leads(w.status, after, leadsPage)
		if err != nil {
			w.u.showError(err)
			return
		}
		w.leads = append(w.leads, page...)
		if after = next; next == 0 {
			break
		}
	}
	w.empty.Hidden = len(w.leads) > 0
	w.empty.Refresh()
	w.list.Refresh()
}

func tabKey(s inbox.LeadStatus) string {
	if s == "" {
		return "all"
	}
	return string(s)
}

// operatorNames maps every operator, active or not, to their name.
func (u *UI) operatorNames() map[inbox.OperatorID]string {
	ops, err := u.svc.Operators()
	if err != nil {
		u.log.Error("operators", "err", err)
	}
	names := make(map[inbox.OperatorID]string, len(ops))
	for _, o := range ops {
		names[o.ID] = o.Name
	}
	return names
}
