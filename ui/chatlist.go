package ui

import (
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// chatList is the left part: owner and status filters with counts, search, and the
// virtual list of dialogs, newest activity first. It opens on Все × Без ответа, because
// administrators work the unanswered clients first.
type chatList struct {
	u        *UI
	owner    inbox.OwnerFilter
	status   inbox.StatusFilter
	query    string // the search field's text; blank shows the tabs
	selected inbox.DialogID

	// mu is held whenever the list changes its rows or widgets. With the real driver all
	// of that runs on the UI goroutine and mu is never contended; Fyne's test driver runs
	// fyne.Do on the live loop's own goroutine, and tests read the list under mu.
	mu     sync.Mutex
	pages  dialogPages
	counts inbox.Counts

	filters   *filters
	list      *widget.List
	rowHeight float32
	fit       *textFitter
	empty     *widget.Label
	emptyBox  *fyne.Container
	tip       *hoverTip
	content   fyne.CanvasObject
}

func newChatList(u *UI) *chatList {
	c := &chatList{u: u, owner: inbox.OwnerAll, status: inbox.StatusUnanswered, tip: newHoverTip(), fit: newTextFitter()}
	c.rowHeight = newChatRow(c.fit, nil).MinSize().Height
	c.filters = c.newFilters()
	c.list = widget.NewList(func() int { return c.pages.total }, c.createRow, c.updateRow)
	c.list.OnSelected = c.onSelected
	c.empty = widget.NewLabel("")
	// Lines are broken in the texts themselves: a wrapped label has no height until it
	// has a width, and a centring box asks for the height first.
	c.empty.Alignment = fyne.TextAlignCenter
	c.emptyBox = container.NewCenter(c.empty)
	body := container.NewBorder(c.filters.view(), nil, nil, nil, container.NewStack(c.list, c.emptyBox))
	c.content = container.NewStack(body, c.tip.layer)
	// Ctrl+F, as in every program, goes to the search: a client calls, the administrator
	// types the number.
	u.win.Canvas().AddShortcut(searchShortcut, func(fyne.Shortcut) { u.win.Canvas().Focus(c.filters.search) })
	c.reportErr(c.load(0))
	return c
}

var searchShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}

func (c *chatList) view() fyne.CanvasObject { return c.content }

// refresh reloads counts and the rows on screen after a burst of events, keeping the
// selection (it follows the dialog, not the row) and the scroll position.
func (c *chatList) refresh() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.load(c.visibleEnd() + pageSize); err != nil {
		c.u.log.Error("refresh chat list", "err", err)
	}
}

// operatorChanged re-reads "Мои" for the new operator.
func (c *chatList) operatorChanged() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.owner == inbox.OwnerMine && !c.searching() {
		c.reportErr(c.reset())
		return
	}
	c.reportErr(c.load(c.visibleEnd() + pageSize))
}

// selectDialog highlights a dialog opened from elsewhere (client panel, search).
func (c *chatList) selectDialog(id inbox.DialogID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.selected = id
	c.list.Refresh()
}

// setOwner and setStatus choose a tab; choosing one leaves a search.
func (c *chatList) setOwner(o inbox.OwnerFilter)   { c.choose(func() { c.owner = o }) }
func (c *chatList) setStatus(s inbox.StatusFilter) { c.choose(func() { c.status = s }) }

func (c *chatList) choose(change func()) {
	c.mu.Lock()
	change()
	searched := c.query != ""
	c.query = ""
	c.reportErr(c.reset())
	c.mu.Unlock()
	if searched {
		c.filters.search.SetText("") // its OnChanged finds the query already empty
	}
}

// setQuery follows the search field: every change searches again, and a cleared field
// returns to the tabs.
func (c *chatList) setQuery(q string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if q == c.query {
		return
	}
	c.query = q
	if q == "" {
		c.filters.clear.Hide()
	} else {
		c.filters.clear.Show()
	}
	c.reportErr(c.reset())
}

func (c *chatList) searching() bool { return strings.TrimSpace(c.query) != "" }

// onSelected opens the tapped dialog. The list's own selection is dropped at once: it
// marks a row index, which a new message would shift, so the highlight is drawn by the
// rows themselves from c.selected.
func (c *chatList) onSelected(id widget.ListItemID) {
	c.mu.Lock()
	c.list.Unselect(id)
	row, ok := c.pages.at(id)
	c.mu.Unlock()
	if ok {
		c.u.openDialog(row.Dialog.ID)
	}
}

// openFirst opens the first search result (Enter in the search field).
func (c *chatList) openFirst() {
	c.mu.Lock()
	row, ok := c.pages.at(0)
	c.mu.Unlock()
	if ok && c.searching() {
		c.u.openDialog(row.Dialog.ID)
	}
}

func (c *chatList) reportErr(err error) {
	if err != nil {
		c.u.showError(err)
	}
}
