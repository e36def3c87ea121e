package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Row geometry. Bubbles and notes stop growing at a maximum width, so that long lines
// stay readable and the height cache holds at any window width above tlStableWidth.
const (
	bubbleMaxWidth = 480
	bubbleShare    = 0.8 // of the row, on narrow windows
	noteMaxWidth   = 520
	tlStableWidth  = 600
	tlMinWidth     = 280
	rowGap         = 3
)

// timelineRow shows one item: a message bubble, or a centred note (a day, a system
// message, the start of a new dialog). It takes taps and hovers itself so that the list
// neither selects nor highlights rows like a menu.
type timelineRow struct {
	widget.BaseWidget
	t      *timeline
	item   tlItem
	note   *widget.RichText
	seg    *widget.TextSegment // the note's only segment: plain text, never markup
	bubble *bubble
	box    *fyne.Container
}

var (
	_ fyne.Tappable          = (*timelineRow)(nil)
	_ fyne.SecondaryTappable = (*timelineRow)(nil)
	_ desktop.Hoverable      = (*timelineRow)(nil)
)

func newTimelineRow(t *timeline) *timelineRow {
	r := &timelineRow{t: t, seg: &widget.TextSegment{}, bubble: newBubble(t)}
	r.note = widget.NewRichText(r.seg)
	r.note.Wrapping = fyne.TextWrapWord
	r.box = container.New(&rowLayout{r: r}, r.note, r.bubble.box)
	r.ExtendBaseWidget(r)
	return r
}

func (r *timelineRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// set shows an item and lays the row out again at its current size.
func (r *timelineRow) set(it tlItem) {
	r.item = it
	if it.kind == tlMessage {
		r.note.Hide()
		r.bubble.set(it.msg)
		r.bubble.box.Show()
	} else {
		r.bubble.box.Hide()
		r.setNote(it)
		r.note.Show()
	}
	// Lay out directly rather than refreshing the whole row: a container refresh
	// redraws every part, hidden icons included, and rows are set very often.
	r.box.Layout.Layout(r.box.Objects, r.box.Size())
	canvas.Refresh(r)
}

// setNote writes a centred note: a day in the text colour, system notes muted (present
// but not competing with the conversation).
func (r *timelineRow) setNote(it tlItem) {
	d := r.t.d
	r.seg.Style = widget.RichTextStyle{Alignment: fyne.TextAlignCenter, ColorName: theme.ColorNamePlaceHolder,
		SizeName: theme.SizeNameCaptionText, Inline: true}
	switch it.kind {
	case tlDay:
		r.seg.Text = d.dayTitle(it.day)
		r.seg.Style.ColorName = theme.ColorNameForeground
		r.seg.Style.TextStyle.Bold = true
	case tlNewDialog:
		r.seg.Text = d.u.tr.T("dialog.new_dialog", map[string]any{"At": d.dateTime(it.msg.At)})
		r.seg.Style.TextStyle.Italic = true
	default:
		r.seg.Text = d.systemText(it.msg)
	}
	r.note.Refresh()
}

// Tapped swallows the tap: rows are not selectable.
func (r *timelineRow) Tapped(*fyne.PointEvent) {}

// TappedSecondary offers copying the message's text (labels cannot be selected inside
// list rows without losing their taps).
func (r *timelineRow) TappedSecondary(ev *fyne.PointEvent) {
	if menu := r.t.contextMenu(r.item); menu != nil {
		widget.ShowPopUpMenuAtPosition(menu, r.t.d.u.win.Canvas(), ev.AbsolutePosition)
	}
}

func (r *timelineRow) MouseIn(*desktop.MouseEvent)    {}
func (r *timelineRow) MouseMoved(*desktop.MouseEvent) {}
func (r *timelineRow) MouseOut()                      {}

// rowLayout puts a note in the middle and a bubble on its side: the client's on the
// left, the salon's on the right.
type rowLayout struct{ r *timelineRow }

func (l *rowLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	r := l.r
	if r.item.kind != tlMessage {
		w := min(size.Width, noteMaxWidth)
		r.note.Move(fyne.NewPos((size.Width-w)/2, 0))
		r.note.Resize(fyne.NewSize(w, size.Height))
		return
	}
	b, pad := r.bubble, theme.Padding()*2
	w := min(b.naturalWidth(), bubbleMaxWidth, size.Width*bubbleShare)
	x := pad
	if b.outbound {
		x = size.Width - w - pad
	}
	b.box.Move(fyne.NewPos(x, rowGap))
	b.box.Resize(fyne.NewSize(w, max(size.Height-2*rowGap, 0)))
	b.box.Layout.Layout(b.box.Objects, b.box.Size()) // the content may have changed at the same size
}

func (l *rowLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	r := l.r
	if r.item.kind != tlMessage {
		return r.note.MinSize()
	}
	return fyne.NewSize(0, r.bubble.box.MinSize().Height+2*rowGap)
}
