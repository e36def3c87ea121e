package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"salonchat/assets"
	"salonchat/inbox"
)

// reset shows the chosen tab or search from its top. A tooltip goes away: the row
// under it is gone.
func (c *chatList) reset() error {
	c.tip.hide()
	if c.list.GetScrollOffset() > 0 {
		c.list.ScrollToOffset(0)
	}
	return c.load(0)
}

// load reads the counts and the first n rows (at least a page) of the chosen tab or
// search, and redraws the filters and the rows on screen. The caller holds c.mu.
func (c *chatList) load(n int) error {
	counts, err := c.u.svc.Counts(c.u.me.ID)
	if err == nil {
		c.counts = counts
	}
	var src rowSource = searchSource{svc: c.u.svc, query: c.query}
	total := 0 // a search has no counter: its rows are the count
	if !c.searching() {
		f := inbox.Filter{Owner: c.owner, Status: c.status, Me: c.u.me.ID}
		src, total = tabSource{svc: c.u.svc, filter: f}, c.counts.Of(c.owner).Tab(c.status)
	}
	if perr := c.pages.reset(src, total, n); err == nil {
		err = perr
	}
	c.filters.update(c.counts, c.owner, c.status, c.searching())
	c.showFound(c.query, len(c.pages.rows))
	c.showEmpty()
	c.list.Refresh()
	return err
}

// showEmpty explains an empty list instead of leaving a blank pane. The box, not the
// label, is hidden: a label shown again inside a box laid out without it keeps no size.
func (c *chatList) showEmpty() {
	if c.pages.total > 0 {
		c.emptyBox.Hide()
		return
	}
	switch {
	case c.searching():
		c.empty.SetText(c.u.tr.T("chatlist.search_none", map[string]any{"Query": c.fit.fit(strings.TrimSpace(c.query), 200, theme.TextSize(), fyne.TextStyle{})}))
	case c.status == inbox.StatusUnanswered:
		c.empty.SetText(c.u.tr.T("chatlist.empty_unanswered"))
	default:
		c.empty.SetText(c.u.tr.T("chatlist.empty"))
	}
	c.emptyBox.Show()
	c.emptyBox.Refresh()
}

// visibleEnd is the index just past the last row on screen, so that a refresh reloads
// what is seen rather than everything ever scrolled through.
func (c *chatList) visibleEnd() int {
	row := c.rowHeight + theme.Padding()
	return int((c.list.GetScrollOffset()+c.list.Size().Height)/row) + 1
}

// createRow makes a row for the list. The list makes one on every refresh to measure
// the template, which keeps rowHeight current when the theme changes.
func (c *chatList) createRow() fyne.CanvasObject {
	r := newChatRow(c.fit, c.onBadgeHover)
	c.rowHeight = r.MinSize().Height
	return r
}

// updateRow binds row i, reading the next page when the list comes near the end of what
// is loaded; nothing else is read from the store here.
func (c *chatList) updateRow(i int, o fyne.CanvasObject) {
	if err := c.pages.ensure(i); err != nil {
		c.u.log.Error("chat list page", "row", i, "err", err)
	}
	row, ok := c.pages.at(i)
	if !ok {
		o.(*chatRow).bind(rowView{})
		return
	}
	o.(*chatRow).bind(c.rowView(row, c.u.svc.Now()))
}

// rowView works out what a row shows from its dialog, its chat and the cached account.
func (c *chatList) rowView(row inbox.DialogRow, now time.Time) rowView {
	tr, d, ch := c.u.tr, row.Dialog, row.Chat
	v := rowView{
		icon:     assets.ChannelIcon(string(ch.Network)),
		title:    ch.Title(),
		preview:  d.Preview,
		when:     activityTime(tr, d.LastActivity, now),
		unread:   d.Unread,
		selected: d.ID == c.selected,
	}
	if d.PreviewDirection == inbox.DirOutbound {
		v.you = tr.T("chatlist.you")
	}
	switch {
	case d.Live() && d.Awaiting && !d.WaitingSince.IsZero():
		v.waiting, v.tone = waitingText(tr, d.WaitingSince, now), toneWarning
		if now.Sub(d.WaitingSince) >= waitingLong {
			v.tone = toneError
		}
	case d.Status == inbox.DialogPostponed:
		v.waiting, v.tone = postponedText(tr, d.PostponedUntil, now), toneMuted
	}
	if conn, ok := c.u.connectionOf(ch); ok {
		v.via = tr.T("business_ui.row_via", map[string]any{"Account": c.u.connectionName(conn)})
	}
	if acc := c.u.account(ch.Account); acc.Health.Broken() {
		v.broken = c.brokenReason(acc)
	} else {
		v.broken = c.u.businessProblem(ch)
	}
	return v
}

// brokenReason is the tooltip of a row's "!": which connection fails and why.
func (c *chatList) brokenReason(acc inbox.Account) string {
	tr := c.u.tr
	reason := tr.T("chatlist.account_broken_unknown")
	if acc.Health.Reason != "" {
		if r := tr.T(acc.Health.Reason); r != acc.Health.Reason {
			reason = r
		}
	}
	return tr.T("chatlist.account_broken", map[string]any{"Account": acc.Title, "Reason": reason})
}

// onBadgeHover shows or hides the reason of a row's "!".
func (c *chatList) onBadgeHover(b *brokenBadge, in bool) {
	if in && b.reason != "" {
		c.tip.show(b.reason, b)
		return
	}
	c.tip.hide()
}
