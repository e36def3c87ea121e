package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// newLeadRow is two lines: who and the status; then phone, channel, want, desired date
// and who is responsible.
func newLeadRow() fyne.CanvasObject {
	who := widget.NewLabel("")
	who.TextStyle.Bold = true
	who.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewLabel("")
	details := widget.NewLabel("")
	details.Truncation = fyne.TextTruncateEllipsis
	details.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(container.NewBorder(nil, nil, nil, status, who), details)
}

func (w *leadsWindow) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	l := w.leads[id]
	box := o.(*fyne.Container)
	line := box.Objects[0].(*fyne.Container)
	line.Objects[0].(*widget.Label).SetText(leadWho(l))
	st := line.Objects[1].(*widget.Label)
	st.SetText(w.u.leadStatusName(l.Status))
	st.Importance = leadStatusImportance(l.Status)
	line.Refresh() // the status's width changed: lay the line out again
	box.Objects[1].(*widget.Label).SetText(w.leadDetails(l))
}

// leadDetails is "+7 912 … · WhatsApp · маникюр · на 22.11.2026 · Анна Петрова".
func (w *leadsWindow) leadDetails(l inbox.Lead) string {
	tr := w.u.tr
	var parts []string
	if l.Phone != "" {
		parts = append(parts, inbox.FormatPhone(l.Phone))
	}
	if l.Channel != "" {
		parts = append(parts, w.u.networkName(l.Channel))
	}
	if l.Want != "" {
		parts = append(parts, l.Want)
	}
	if !l.Desired.IsZero() {
		parts = append(parts, tr.T("leads.desired_on", map[string]any{"Date": w.u.clientDate(l.Desired)}))
	}
	if name := w.ops[l.Operator]; name != "" {
		parts = append(parts, tr.T("leads.responsible_is", map[string]any{"Name": name}))
	} else {
		parts = append(parts, tr.T("leads.nobody"))
	}
	return strings.Join(parts, " · ")
}

func (u *UI) leadStatusName(s inbox.LeadStatus) string { return u.tr.T("client.lead." + string(s)) }

func leadStatusImportance(s inbox.LeadStatus) widget.Importance {
	switch s {
	case inbox.LeadNew:
		return widget.HighImportance
	case inbox.LeadBooked:
		return widget.SuccessImportance
	case inbox.LeadRejected:
		return widget.LowImportance
	}
	return widget.MediumImportance
}
