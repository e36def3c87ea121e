package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// columnLayout stacks its objects like a VBox, but measures them at the width it last
// laid them out at: wrapped labels (the warnings) are only as tall as their width says.
type columnLayout struct{ width float32 }

func (l *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var size fyne.Size
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		if l.width > 0 {
			o.Resize(fyne.NewSize(l.width, o.Size().Height))
		}
		m := o.MinSize()
		size = fyne.NewSize(max(size.Width, m.Width), size.Height+m.Height+theme.Padding())
	}
	return size
}

func (l *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	var y float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		o.Resize(fyne.NewSize(size.Width, o.Size().Height))
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + theme.Padding()
	}
}
