package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// countBadge is the unread count: a pill in the primary colour.
type countBadge struct {
	widget.BaseWidget
	bg   *canvas.Rectangle
	text *canvas.Text
}

func newCountBadge() *countBadge {
	b := &countBadge{bg: canvas.NewRectangle(nil), text: canvas.NewText("", nil)}
	b.text.TextStyle.Bold = true
	b.ExtendBaseWidget(b)
	return b
}

// setCount shows n (99+ above 99, so the pill stays small).
func (b *countBadge) setCount(n int) {
	s := itoa(n)
	if n > 99 {
		s = "99+"
	}
	if b.text.Text != s {
		b.text.Text = s
		b.Refresh()
	}
}

func (b *countBadge) CreateRenderer() fyne.WidgetRenderer {
	r := &badgeRenderer{w: b, bg: b.bg, text: b.text, fg: theme.ColorNameForegroundOnPrimary, fill: theme.ColorNamePrimary}
	r.Refresh()
	return r
}

// brokenBadge is the red "!" on a row's channel icon when the chat's account does not
// work. Hovering it shows why (through onHover, which owns the tooltip); it takes no
// taps, so that tapping it still opens the dialog, whose header explains and offers the
// settings.
type brokenBadge struct {
	widget.BaseWidget
	reason  string
	hovered bool
	onHover func(b *brokenBadge, in bool)
}

var _ desktop.Hoverable = (*brokenBadge)(nil)

func newBrokenBadge(onHover func(*brokenBadge, bool)) *brokenBadge {
	b := &brokenBadge{onHover: onHover}
	b.ExtendBaseWidget(b)
	b.Hide()
	return b
}

// setReason shows the badge with a reason, or hides it for "". When the row is rebound
// under the pointer, an open tooltip follows: new reason, or gone.
func (b *brokenBadge) setReason(reason string) {
	if reason == b.reason {
		return
	}
	b.reason = reason
	if reason == "" {
		b.Hide()
	} else {
		b.Show()
	}
	if b.hovered {
		b.hover(reason != "")
	}
}

func (b *brokenBadge) MouseIn(*desktop.MouseEvent)    { b.hover(true) }
func (b *brokenBadge) MouseMoved(*desktop.MouseEvent) {}
func (b *brokenBadge) MouseOut()                      { b.hover(false) }

func (b *brokenBadge) hover(in bool) {
	b.hovered = in
	if b.onHover != nil {
		b.onHover(b, in)
	}
}

func (b *brokenBadge) CreateRenderer() fyne.WidgetRenderer {
	text := canvas.NewText("!", nil)
	text.TextStyle.Bold = true
	r := &badgeRenderer{w: b, bg: canvas.NewRectangle(nil), text: text, fg: theme.ColorNameForegroundOnError, fill: theme.ColorNameError}
	r.Refresh()
	return r
}

// badgeRenderer draws a pill (a circle when square) with a short centred text.
type badgeRenderer struct {
	w        fyne.Widget
	bg       *canvas.Rectangle
	text     *canvas.Text
	fg, fill fyne.ThemeColorName
}

func (r *badgeRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.bg.CornerRadius = size.Height / 2
	ts := r.text.MinSize()
	r.text.Move(fyne.NewPos((size.Width-ts.Width)/2, (size.Height-ts.Height)/2))
	r.text.Resize(ts)
}

func (r *badgeRenderer) MinSize() fyne.Size {
	ts := r.text.MinSize()
	h := ts.Height
	return fyne.NewSize(max(h, ts.Width+h/2), h)
}

func (r *badgeRenderer) Refresh() {
	th, v := theme.CurrentForWidget(r.w), fyne.CurrentApp().Settings().ThemeVariant()
	r.text.TextSize = th.Size(theme.SizeNameCaptionText)
	r.text.Color = th.Color(r.fg, v)
	r.bg.FillColor = th.Color(r.fill, v)
	r.Layout(r.w.Size())
	canvas.Refresh(r.w)
}

func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.text} }
func (r *badgeRenderer) Destroy()                     {}

// hoverTip is a tooltip drawn in a layer above the chat list. It lives in the pane's own
// object tree rather than the canvas overlays: an overlay would take the pointer from
// the badge under it and make the tip flicker on and off.
type hoverTip struct {
	layer *fyne.Container
	box   *fyne.Container
	bg    *canvas.Rectangle
	text  *widget.Label
}

// tipWidth is how wide a tooltip wraps its text.
const tipWidth = 260

func newHoverTip() *hoverTip {
	t := &hoverTip{text: widget.NewLabel(""), bg: canvas.NewRectangle(nil)}
	t.text.Wrapping = fyne.TextWrapWord
	t.bg.StrokeWidth = 1
	t.box = container.NewStack(t.bg, t.text)
	t.box.Hide()
	t.layer = container.NewWithoutLayout(t.box)
	return t
}

// show places text under the object at, kept inside the layer's width.
func (t *hoverTip) show(text string, at fyne.CanvasObject) {
	th := theme.CurrentForWidget(t.text)
	v := fyne.CurrentApp().Settings().ThemeVariant()
	t.bg.FillColor = th.Color(theme.ColorNameOverlayBackground, v)
	t.bg.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
	t.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	d := fyne.CurrentApp().Driver()
	pos := d.AbsolutePositionForObject(at).Subtract(d.AbsolutePositionForObject(t.layer))
	t.text.SetText(text)
	w := min(tipWidth, t.layer.Size().Width)
	t.text.Resize(fyne.NewSize(w, 1))
	h := t.text.MinSize().Height
	x := min(pos.X, t.layer.Size().Width-w)
	y := pos.Y + at.Size().Height + 4
	if y+h > t.layer.Size().Height {
		y = pos.Y - h - 4 // no room below: show it above
	}
	t.box.Move(fyne.NewPos(max(x, 0), y))
	t.box.Resize(fyne.NewSize(w, h))
	t.box.Show()
}

func (t *hoverTip) hide() { t.box.Hide() }
