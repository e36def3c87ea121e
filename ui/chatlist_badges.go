package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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
