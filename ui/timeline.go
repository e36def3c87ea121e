package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// tlPage is how many messages the timeline reads at a time; tlRevealPages bounds how
// far back reveal reads to find the start of an earlier dialog.
const (
	tlPage        = 50
	tlRevealPages = 40
)

// timeline is the chat's history in a virtual list: the newest page first, older pages
// as the operator scrolls up. Rows differ in height, so each row is measured once per
// width and cached (measuring wrapped text costs about a millisecond).
type timeline struct {
	d     *dialogView
	chat  inbox.ChatID
	msgs  []inbox.Message // ascending
	items []tlItem
	more  bool // older messages exist
	list  *widget.List
	box   *fyne.Container
	width float32

	heights map[tlKey]tlHeight
	probe   *timelineRow
	thumbs  map[string]thumbnail

	// loading is set while an older page is on its way; quiet while the list is being
	// positioned by code, so that showing the first row there does not ask for more.
	loading, quiet bool
	// pending is where to scroll once the list has a size (it had none when asked).
	pending *tlScroll
	// stick asks the next appended messages to scroll into view (the operator's own).
	stick bool
	// after runs f once the current layout pass is over: loading a page from inside the
	// list's own update would change the list under its feet.
	after func(f func())
}

type tlHeight struct{ width, height float32 }

// tlScroll is a wanted scroll position: the bottom, or an offset from the top.
type tlScroll struct {
	bottom bool
	offset float32
}

func newTimeline(d *dialogView) *timeline {
	t := &timeline{d: d, heights: map[tlKey]tlHeight{}, thumbs: map[string]thumbnail{}}
	t.after = func(f func()) { go fyne.Do(f) }
	t.probe = newTimelineRow(t)
	t.list = t.newList()
	t.box = container.New(&tlLayout{t: t}, t.list)
	return t
}

func (t *timeline) view() fyne.CanvasObject { return t.box }

func (t *timeline) newList() *widget.List {
	l := widget.NewList(func() int { return len(t.items) },
		func() fyne.CanvasObject { return newTimelineRow(t) }, t.updateRow)
	l.HideSeparators = true
	l.OnSelected = func(id widget.ListItemID) { l.Unselect(id) }
	return l
}

func (t *timeline) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(t.items) {
		return
	}
	o.(*timelineRow).set(t.items[id])
	if id == 0 && t.more && !t.loading && !t.quiet {
		t.loading = true
		chat := t.chat
		t.after(func() { t.loadOlder(chat) })
	}
}

// replaceList swaps in a fresh list with every row's height set and scrolls it. A fresh
// list is cheaper than re-keying heights one by one: heights are kept by index, and each
// change on a shown list redraws it.
func (t *timeline) replaceList(to tlScroll) {
	l := t.newList()
	for i := range t.items {
		l.SetItemHeight(i, t.heightOf(i))
	}
	t.list = l
	t.quiet = true
	defer func() { t.quiet = false }()
	t.box.Objects = []fyne.CanvasObject{l}
	t.box.Refresh()
	t.scroll(to)
}

// scroll moves the list now, or once it has a size: scrolling a list that was never
// laid out panics.
func (t *timeline) scroll(to tlScroll) {
	if t.list.Size().Height <= 0 {
		t.pending = &to
		return
	}
	t.pending = nil
	if to.bottom {
		t.list.ScrollToBottom()
	} else {
		t.list.ScrollToOffset(to.offset)
	}
}
