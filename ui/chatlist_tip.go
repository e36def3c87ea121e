package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

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
