package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// Translation key suffixes of the tabs, in the order of inbox.Owners and inbox.Statuses.
var (
	ownerKeys  = []string{"all", "mine", "unassigned"}
	statusKeys = []string{"unanswered", "open", "postponed", "closed"}
)

// filters are the owner tabs, the search field and the status tabs above the list.
type filters struct {
	owners   []*filterTab
	statuses []*filterTab
	search   *searchEntry
	clear    *widget.Button
	found    *widget.Label
}

// newFilters builds the filter rows of c; their taps and typing call back into c.
func (c *chatList) newFilters() *filters {
	tr := c.u.tr
	f := &filters{search: newSearchEntry(), found: widget.NewLabel("")}
	for i, o := range inbox.Owners {
		f.owners = append(f.owners, newFilterTab(tr.T("chatlist.owner."+ownerKeys[i]), false, func() { c.setOwner(o) }))
	}
	for i, s := range inbox.Statuses {
		f.statuses = append(f.statuses, newFilterTab(tr.T("chatlist.status."+statusKeys[i]), true, func() { c.setStatus(s) }))
	}
	f.search.SetPlaceHolder(tr.T("chatlist.search_placeholder"))
	f.search.OnChanged = c.setQuery
	f.search.OnSubmitted = func(string) { c.openFirst() }
	f.clear = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { f.search.SetText("") })
	f.clear.Importance = widget.LowImportance
	f.clear.Hide()
	f.search.ActionItem = f.clear
	f.found.Importance = widget.LowImportance
	f.found.SizeName = theme.SizeNameCaptionText
	f.found.Hide()
	return f
}

// searchEntry is the search field; Escape empties it, which returns to the tabs.
type searchEntry struct{ widget.Entry }

func newSearchEntry() *searchEntry {
	e := &searchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.Text != "" {
		e.SetText("")
		return
	}
	e.Entry.TypedKey(k)
}

// view lays the filters out: owners, search, statuses, and the search result line.
func (f *filters) view() fyne.CanvasObject {
	return container.NewVBox(
		container.NewGridWithColumns(len(f.owners), tabObjects(f.owners)...),
		f.search,
		container.NewGridWithColumns(len(f.statuses), tabObjects(f.statuses)...),
		f.found,
	)
}

func tabObjects(tabs []*filterTab) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(tabs))
	for i, t := range tabs {
		out[i] = t
	}
	return out
}

// update shows the counts and which tabs are chosen. Every number is what the list shows
// after tapping that tab: an owner tab counts the chosen status for that owner, a status
// tab counts that status for the chosen owner. An administrator reads "Мои 3" under
// "Без ответа" as "three of my clients wait", and the chosen pair always equals the list.
// While a search is shown no tab is chosen: the search covers every tab.
func (f *filters) update(counts inbox.Counts, owner inbox.OwnerFilter, status inbox.StatusFilter, searching bool) {
	for i, o := range inbox.Owners {
		f.owners[i].set(groupThousands(itoa(counts.Of(o).Tab(status))), !searching && o == owner, false)
	}
	for i, s := range inbox.Statuses {
		n := counts.Of(owner).Tab(s)
		f.statuses[i].set(groupThousands(itoa(n)), !searching && s == status, s == inbox.StatusUnanswered && n > 0)
	}
}

// showFound tells how many chats a search found, and asks for more letters or digits
// when it stopped at the limit.
func (c *chatList) showFound(query string, n int) {
	f := c.filters
	if strings.TrimSpace(query) == "" || n == 0 {
		f.found.Hide()
		return
	}
	if n >= searchLimit {
		f.found.SetText(c.u.tr.T("chatlist.search_limit", map[string]any{"N": searchLimit}))
	} else {
		f.found.SetText(c.u.tr.N("chatlist.search_found", n))
	}
	f.found.Show()
}
