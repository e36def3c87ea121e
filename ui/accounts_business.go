package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/i18n"
	"salonchat/inbox"
)

// Telegram Business in "Внешние системы": the salon's own Telegram accounts connected
// to a bot are listed under the bot's account, and the bot's pane explains how to
// connect one and shows each connection's state in full.

// accountEntry is one row of the window's list: an account, or one of its business
// connections (conn set), listed right under it.
type accountEntry struct {
	acc  int // index into accountsWindow.accounts
	conn *inbox.Connection
}

// buildEntries lists the accounts, each followed by its business connections. An
// account whose connections cannot be read is still listed; the log has why.
func (w *accountsWindow) buildEntries() {
	w.entries = w.entries[:0]
	w.conns = make(map[inbox.AccountID][]inbox.Connection)
	for i, a := range w.accounts {
		w.entries = append(w.entries, accountEntry{acc: i})
		if a.Network != inbox.Telegram {
			continue
		}
		cs, err := w.u.svc.Connections(a.ID)
		if err != nil {
			w.u.log.Error("business connections", "account", a.ID, "err", err)
			continue
		}
		w.conns[a.ID] = cs
		for j := range cs {
			w.entries = append(w.entries, accountEntry{acc: i, conn: &cs[j]})
		}
	}
}

// entryIndex is the list row of an account itself, or -1.
func (w *accountsWindow) entryIndex(id inbox.AccountID) int {
	for i, e := range w.entries {
		if e.conn == nil && w.accounts[e.acc].ID == id {
			return i
		}
	}
	return -1
}

// connectionState is a connection's state in a few words and its colour: whether the
// bot gets the chats and may answer in them.
// The list's narrow row says it in fewer (business_ui.row_state.*).
func connectionState(tr *i18n.Translator, c inbox.Connection) (string, widget.Importance) {
	name, imp := connectionStateName(c), widget.SuccessImportance
	if c.Problem() != "" {
		imp = widget.DangerImportance
	}
	return tr.T("business_ui.state." + name), imp
}

// connectionStateName is the last part of a connection state's translation keys.
func connectionStateName(c inbox.Connection) string {
	switch {
	case !c.Enabled:
		return "disabled"
	case !c.CanReply:
		return "no_reply"
	}
	return "ok"
}

// connectionTitle is the connected account as the window names it: its name and
// @username, whichever Telegram gave.
func connectionTitle(u *UI, c inbox.Connection) string {
	name := c.Name
	if c.Username != "" {
		name = joinDot(c.Name, "@"+c.Username)
	}
	if name == "" {
		return u.connectionName(c)
	}
	return name
}

// setConnection shows a business connection as an indented row under its account.
func (r *accountRow) setConnection(w *accountsWindow, a inbox.Account, c inbox.Connection) {
	tr := w.u.tr
	r.icon.Resource = theme.AccountIcon()
	r.icon.Translucency = 0.4
	r.icon.SetMinSize(fyne.NewSquareSize(20))
	r.indent.Show()
	r.title.Importance = widget.MediumImportance
	if a.Disabled || !c.Enabled {
		r.title.Importance = widget.LowImportance
	}
	r.title.SetText(w.u.connectionName(c)) // the row is narrow: @username alone
	_, imp := connectionState(tr, c)
	r.state.Importance = imp
	r.state.SetText(tr.T("business_ui.row_state." + connectionStateName(c)))
	r.since.Segments[0].(*widget.TextSegment).Text = ""
	r.badge.setReason(w.u.connectionProblem(c))
	r.box.Refresh()
}

// businessSection is the pane's part about the salon's own Telegram accounts: how to
// connect one to this bot, then every connection with its state and, when it cannot
// carry replies, why and where in Telegram to fix it.
type businessSection struct {
	w    *accountsWindow
	list *fyne.Container
	box  *fyne.Container
}

func newBusinessSection(w *accountsWindow, a inbox.Account) *businessSection {
	tr := w.u.tr
	s := &businessSection{w: w, list: container.NewVBox()}
	heading := widget.NewLabel(tr.T("business_ui.section"))
	heading.TextStyle.Bold = true
	how := accountWrapped(tr.T("business_ui.how_to", map[string]any{"Bot": accountTitle(tr, a)}))
	icon := widget.NewIcon(theme.InfoIcon())
	// The connections first: once the salon's account is connected, they are what
	// the administrator comes here for.
	s.box = container.NewVBox(heading, s.list, container.NewBorder(nil, nil, container.NewVBox(icon), nil, how))
	return s
}

// set shows the account's connections now.
func (s *businessSection) set(cs []inbox.Connection) {
	tr := s.w.u.tr
	s.list.RemoveAll()
	if len(cs) == 0 {
		s.list.Add(accountCaption(tr.T("business_ui.none")))
		return
	}
	for _, c := range cs {
		title := widget.NewLabel(connectionTitle(s.w.u, c))
		title.TextStyle.Bold = true
		title.Truncation = fyne.TextTruncateEllipsis
		word, imp := connectionState(tr, c)
		if c.Problem() != "" {
			word = "! " + word
		}
		state := widget.NewLabel(word)
		state.Importance = imp
		item := container.NewVBox(container.New(accountTightVBox(), title, state))
		if p := s.w.u.connectionProblem(c); p != "" {
			reason := accountWrapped(p)
			reason.Importance = widget.DangerImportance
			item.Add(reason)
		}
		s.list.Add(item)
	}
}
