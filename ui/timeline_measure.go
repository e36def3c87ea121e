package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"salonchat/inbox"
)

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
