package ui

import (
	"cmp"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
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

// load shows the newest page of a chat, scrolled to the bottom.
func (t *timeline) load(chat inbox.ChatID) {
	msgs, err := t.d.u.svc.Messages(chat, 0, tlPage)
	if err != nil {
		t.d.u.showError(err)
	}
	if chat != t.chat {
		clear(t.thumbs)
	}
	t.chat, t.msgs, t.more, t.loading = chat, msgs, len(msgs) == tlPage, false
	t.items = buildItems(t.msgs)
	t.replaceList(tlScroll{bottom: true})
}

// reload re-reads what is shown after events were missed or accounts changed, keeping
// the operator's place: reloads come with connection changes, not with their scrolling.
func (t *timeline) reload() {
	if len(t.msgs) == 0 {
		t.load(t.chat)
		return
	}
	msgs, err := t.d.u.svc.Messages(t.chat, 0, len(t.msgs)+tlPage)
	if err != nil {
		t.d.u.log.Error("reload messages", "chat", t.chat, "err", err)
		return
	}
	to := tlScroll{bottom: t.atBottom(), offset: t.list.GetScrollOffset()}
	t.more = t.more || len(msgs) == len(t.msgs)+tlPage
	t.msgs = msgs
	clear(t.heights) // delivery states and revisions may have changed unseen
	t.items = buildItems(t.msgs)
	t.replaceList(to)
}

// loadOlder puts the page before the oldest shown on top, keeping in view what the
// operator was looking at.
func (t *timeline) loadOlder(chat inbox.ChatID) {
	t.loading = false
	if chat != t.chat || !t.more || len(t.msgs) == 0 {
		return
	}
	anchor := t.msgs[0].ID
	before := t.offsetOf(anchor)
	offset := t.list.GetScrollOffset()
	if !t.prependPage() {
		return
	}
	t.replaceList(tlScroll{offset: offset + t.offsetOf(anchor) - before})
}

// prependPage reads the page before the oldest message shown and rebuilds the rows; it
// says whether anything was added.
func (t *timeline) prependPage() bool {
	older, err := t.d.u.svc.Messages(t.chat, t.msgs[0].ID, tlPage)
	if err != nil {
		t.d.u.log.Error("older messages", "chat", t.chat, "err", err)
		return false
	}
	t.more = len(older) == tlPage
	if len(older) == 0 {
		return false
	}
	t.msgs = append(older, t.msgs...)
	t.items = buildItems(t.msgs)
	return true
}

// reveal scrolls to where an earlier dialog of the chat begins (one opened from the
// client's history), reading older pages until its start is loaded.
func (t *timeline) reveal(dialog inbox.DialogID) {
	for range tlRevealPages {
		if len(t.msgs) == 0 || !t.more || t.msgs[0].Dialog != dialog && slices.ContainsFunc(t.msgs, func(m inbox.Message) bool { return m.Dialog == dialog }) {
			break
		}
		if !t.prependPage() {
			break
		}
	}
	i := slices.IndexFunc(t.items, func(it tlItem) bool { return it.kind != tlDay && it.msg.Dialog == dialog })
	if i < 0 {
		return
	}
	if i > 0 && t.items[i-1].kind == tlDay {
		i-- // show the day the dialog began too
	}
	t.replaceList(tlScroll{offset: t.offsetAt(i)})
}

// appendNew adds the messages stored since the last one shown, following them to the
// bottom when the operator was there already (or just sent one).
func (t *timeline) appendNew() {
	var last inbox.MessageID
	if n := len(t.msgs); n > 0 {
		last = t.msgs[n-1].ID
	}
	newest, err := t.d.u.svc.Messages(t.chat, 0, tlPage)
	if err != nil {
		t.d.u.log.Error("new messages", "chat", t.chat, "err", err)
		return
	}
	i := slices.IndexFunc(newest, func(m inbox.Message) bool { return m.ID > last })
	if i < 0 {
		return
	}
	if i == 0 && len(newest) == tlPage && last != 0 {
		t.load(t.chat) // more arrived than a page: start again from the newest
		return
	}
	follow := t.atBottom() || t.stick
	t.stick = false
	from := len(t.items)
	t.msgs = append(t.msgs, newest[i:]...)
	t.items = buildItems(t.msgs)
	for j := from; j < len(t.items); j++ {
		t.list.SetItemHeight(j, t.heightOf(j))
	}
	t.list.Refresh()
	if follow {
		t.scroll(tlScroll{bottom: true})
	}
}

// updateMessage re-reads a message whose delivery state or revisions changed.
func (t *timeline) updateMessage(id inbox.MessageID) {
	i, ok := slices.BinarySearchFunc(t.msgs, id, func(m inbox.Message, id inbox.MessageID) int {
		return cmp.Compare(m.ID, id)
	})
	if !ok {
		return
	}
	m, err := t.d.u.svc.Message(id)
	if err != nil {
		t.d.u.log.Error("message", "id", id, "err", err)
		return
	}
	t.msgs[i] = m
	for j, it := range t.items {
		if it.kind != tlDay && it.msg.ID == id {
			delete(t.heights, it.key())
			t.list.SetItemHeight(j, t.heightOf(j))
			t.list.RefreshItem(j)
		}
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

// atBottom reports whether the last row is in view.
func (t *timeline) atBottom() bool {
	return t.list.GetScrollOffset()+t.list.Size().Height >= t.contentHeight()-theme.Padding()*2
}

func (t *timeline) contentHeight() float32 {
	return t.offsetAt(len(t.items))
}

// offsetOf is where the row of a message starts, from the top of the list.
func (t *timeline) offsetOf(id inbox.MessageID) float32 {
	i := slices.IndexFunc(t.items, func(it tlItem) bool { return it.kind != tlDay && it.kind != tlNewDialog && it.msg.ID == id })
	return t.offsetAt(max(i, 0))
}

// offsetAt sums the heights of the rows before index n, with the list's gaps.
func (t *timeline) offsetAt(n int) float32 {
	gap := t.list.Theme().Size(theme.SizeNamePadding)
	var y float32
	for i := 0; i < n; i++ {
		y += t.heightOf(i) + gap
	}
	return y
}

// heightOf measures row i at the current width, from the cache when it can.
func (t *timeline) heightOf(i int) float32 {
	it, w := t.items[i], t.measureWidth()
	k := it.key()
	if c, ok := t.heights[k]; ok && c.width == w {
		return c.height
	}
	t.probe.set(it)
	t.probe.Resize(fyne.NewSize(w, t.probe.Size().Height))
	h := t.probe.MinSize().Height
	t.heights[k] = tlHeight{w, h}
	return h
}

// measureWidth is the width rows are measured at. Above tlStableWidth rows look the
// same at any width (bubbles and notes have a maximum), so the cache survives resizing.
func (t *timeline) measureWidth() float32 {
	if t.width <= 0 {
		return tlStableWidth
	}
	return min(t.width, tlStableWidth)
}

// widthChanged re-measures the rows when the new width lays them out differently.
func (t *timeline) widthChanged(w float32) {
	old := t.measureWidth()
	t.width = w
	if t.measureWidth() == old {
		return
	}
	for i := range t.items {
		t.list.SetItemHeight(i, t.heightOf(i))
	}
}

// tlLayout gives the list all the room and notices width changes and first sizes.
type tlLayout struct{ t *timeline }

func (l *tlLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	t := l.t
	if size.Width > 0 && size.Width != t.width {
		t.widthChanged(size.Width)
	}
	if t.pending != nil && size.Height > 0 {
		to := *t.pending
		t.quiet = true
		defer func() { t.quiet = false }()
		for _, o := range objs {
			o.Resize(size)
		}
		t.scroll(to)
		return
	}
	for _, o := range objs {
		o.Resize(size)
	}
}

func (l *tlLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(tlMinWidth, tlMinWidth/2)
}
