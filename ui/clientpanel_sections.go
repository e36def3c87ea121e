package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"salonchat/inbox"
)

// Section keys name the accordion items independently of their titles, which hold counts.
const (
	secContacts = "contacts"
	secVisits   = "visits"
	secTasks    = "tasks"
	secLeads    = "leads"
	secDialogs  = "dialogs"
)

// clientInfo turns a client's details into what the panel and the card show.
type clientInfo struct {
	u   *UI
	cd  inbox.ClientDetails
	ops map[inbox.OperatorID]string
	now time.Time
	// current is the dialog open in the centre, marked in Диалоги.
	current inbox.DialogID
	// onDialog opens a dialog chosen in Диалоги.
	onDialog func(inbox.DialogID)
}

// section is one accordion item before it is built.
type section struct {
	key   string
	title string
	count int
	body  fyne.CanvasObject
}

// newClientInfo reads what the details refer to by id (operator names).
func (u *UI) newClientInfo(cd inbox.ClientDetails, current inbox.DialogID, onDialog func(inbox.DialogID)) clientInfo {
	ops := map[inbox.OperatorID]string{}
	if all, err := u.svc.Operators(); err == nil {
		for _, op := range all {
			ops[op.ID] = op.Name
		}
	} else {
		u.log.Error("client panel: operators", "err", err)
	}
	return clientInfo{u: u, cd: cd, ops: ops, now: u.svc.Now(), current: current, onDialog: onDialog}
}

// sections lists the client's sections in the form's order; the card leaves out
// Контакты, which its field list already shows.
func (ci clientInfo) sections(withContacts bool) []section {
	tr := ci.u.tr
	var out []section
	if withContacts {
		out = append(out, section{key: secContacts, title: tr.T("client.section.contacts"), count: -1, body: ci.contacts()})
	}
	cd := ci.cd
	return append(out,
		ci.counted(secVisits, len(cd.Visits), ci.visits()),
		ci.counted(secTasks, len(cd.Tasks), ci.tasks()),
		ci.counted(secLeads, len(cd.Leads), ci.leads()),
		ci.counted(secDialogs, len(cd.Dialogs), ci.dialogs()),
	)
}

func (ci clientInfo) counted(key string, n int, body fyne.CanvasObject) section {
	return section{key: key, title: ci.u.tr.T("client.section."+key, map[string]any{"Count": n}), count: n, body: body}
}

// contacts lists how to reach the client: phones (with the messengers the client uses
// on that number), other messenger accounts, e-mail, birthday, notes.
func (ci clientInfo) contacts() fyne.CanvasObject {
	tr, c := ci.u.tr, ci.cd.Client
	var items []fyne.CanvasObject
	for i, p := range c.Phones {
		name := tr.T("client.field.phone")
		if i == 0 && len(c.Phones) > 1 {
			name = tr.T("client.field.main_phone")
		}
		items = append(items, field(joinDot(append([]string{name}, ci.networksOn(p)...)...), inbox.FormatPhone(p)))
	}
	var shown []string // network and address: a person's chats with the bot and through the salon's account share them
	for _, ch := range ci.cd.Chats {
		name, addr := ci.u.networkName(ch.Network), chatAddress(ch)
		if (ch.Phone == "" || !slices.Contains(c.Phones, ch.Phone)) && !slices.Contains(shown, name+"\x00"+addr) {
			shown = append(shown, name+"\x00"+addr)
			items = append(items, field(name, addr))
		}
	}
	if c.Email != "" {
		items = append(items, field(tr.T("client.field.email"), c.Email))
	}
	if !c.Birthday.IsZero() {
		items = append(items, field(tr.T("client.field.birthday"), ci.u.clientBirthday(c.Birthday)))
	}
	if c.Notes != "" {
		items = append(items, field(tr.T("client.field.notes"), c.Notes))
	}
	return itemList(items, tr.T("client.empty.contacts"))
}

// networksOn names the messengers the client writes from with phone.
func (ci clientInfo) networksOn(phone string) []string {
	var out []string
	for _, ch := range ci.cd.Chats {
		if name := ci.u.networkName(ch.Network); ch.Phone == phone && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}
