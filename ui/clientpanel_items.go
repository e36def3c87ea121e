package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// visits lists the visits newest first; the next booked one is marked, because that is
// what a client usually writes about.
func (ci clientInfo) visits() fyne.CanvasObject {
	next := ci.nextVisit()
	items := make([]fyne.CanvasObject, 0, len(ci.cd.Visits))
	for _, v := range ci.cd.Visits {
		items = append(items, ci.visit(v, v.ID == next))
	}
	return itemList(items, ci.u.tr.T("client.empty.visits"))
}

func (ci clientInfo) visit(v inbox.Visit, next bool) fyne.CanvasObject {
	u := ci.u
	head := textLine{text: u.clientDateTime(v.At) + " · " + u.tr.T("client.visit."+string(v.Status)), bold: true}
	var badge textLine
	if next {
		head.color = theme.ColorNamePrimary
		badge = textLine{text: u.tr.T("client.visit.next"), color: theme.ColorNamePrimary, small: true}
	}
	detail := joinDot(v.Master, priceOrEmpty(u, v.Price))
	return plainText(badge, head, textLine{text: v.Service}, muted(detail))
}

// nextVisit is the soonest booked visit still to come, or 0.
func (ci clientInfo) nextVisit() inbox.VisitID {
	var best *inbox.Visit
	for i, v := range ci.cd.Visits {
		if v.Status == inbox.VisitBooked && v.At.After(ci.now) && (best == nil || v.At.Before(best.At)) {
			best = &ci.cd.Visits[i]
		}
	}
	if best == nil {
		return 0
	}
	return best.ID
}

// tasks lists the to-dos about the client with a done mark, due date and who is on it.
func (ci clientInfo) tasks() fyne.CanvasObject {
	tr := ci.u.tr
	items := make([]fyne.CanvasObject, 0, len(ci.cd.Tasks))
	for _, t := range ci.cd.Tasks {
		icon, state, text := theme.CheckButtonIcon(), "", textLine{text: t.Text}
		if t.Done {
			icon, state, text.color = theme.CheckButtonCheckedIcon(), tr.T("client.task.done"), theme.ColorNamePlaceHolder
		}
		due := ""
		if !t.Due.IsZero() {
			due = tr.T("client.task.due", map[string]any{"Date": ci.u.clientDate(t.Due)})
		}
		body := plainText(text, muted(joinDot(due, ci.ops[t.Operator], state)))
		items = append(items, container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, body))
	}
	return itemList(items, tr.T("client.empty.tasks"))
}

// leads lists the client's requests (заявки): what they want, for when, where it stands.
func (ci clientInfo) leads() fyne.CanvasObject {
	tr := ci.u.tr
	items := make([]fyne.CanvasObject, 0, len(ci.cd.Leads))
	for _, l := range ci.cd.Leads {
		status := tr.T("client.lead." + string(l.Status))
		if l.Status == inbox.LeadRejected && l.Reason != "" {
			status = tr.T("client.lead.rejected_because", map[string]any{"Reason": l.Reason})
		}
		desired := ""
		if !l.Desired.IsZero() {
			desired = tr.T("client.lead.desired", map[string]any{"Date": ci.u.clientDate(l.Desired)})
		}
		items = append(items, plainText(textLine{text: l.Want, bold: true}, textLine{text: joinDot(desired, status)}))
	}
	return itemList(items, tr.T("client.empty.leads"))
}

// joinDot joins the non-empty parts with " · ".
func joinDot(parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += " · "
		}
		out += p
	}
	return out
}

func priceOrEmpty(u *UI, kopecks int64) string {
	if kopecks == 0 {
		return ""
	}
	return u.rubles(kopecks)
}
