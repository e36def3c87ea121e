package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tapBlock is a block of content that acts like a button: it highlights under the mouse
// and calls onTap. Unlike widget.Button it lets its text wrap, which a 300 px column
// needs for dialog previews and client names.
type tapBlock struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
	bg      *canvas.Rectangle
}

func newTapBlock(content fyne.CanvasObject, onTap func()) *tapBlock {
	b := &tapBlock{content: content, onTap: onTap, bg: canvas.NewRectangle(color.Transparent)}
	b.ExtendBaseWidget(b)
	return b
}

func (b *tapBlock) CreateRenderer() fyne.WidgetRenderer {
	b.bg.CornerRadius = theme.InputRadiusSize()
	return widget.NewSimpleRenderer(container.NewStack(b.bg, b.content))
}

// Tapped runs the block's action.
func (b *tapBlock) Tapped(*fyne.PointEvent) {
	if b.onTap != nil {
		b.onTap()
	}
}

// Cursor shows the hand, so that the block reads as clickable.
func (b *tapBlock) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn highlights the block under the mouse.
func (b *tapBlock) MouseIn(*desktop.MouseEvent) {
	b.bg.FillColor = theme.Color(theme.ColorNameHover)
	b.bg.Refresh()
}

// MouseMoved is needed for desktop.Hoverable.
func (b *tapBlock) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the highlight.
func (b *tapBlock) MouseOut() {
	b.bg.FillColor = color.Transparent
	b.bg.Refresh()
}
