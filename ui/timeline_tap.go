package ui

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tapText is a small link-coloured text that acts when tapped ("изменено", a location).
// A Hyperlink or a Button would add padding that makes every bubble taller.
type tapText struct {
	widget.BaseWidget
	text  *canvas.Text
	onTap func()
}

func newTapText(text string, onTap func()) *tapText {
	t := &tapText{text: canvas.NewText(text, theme.Color(theme.ColorNameHyperlink)), onTap: onTap}
	t.text.TextSize = theme.CaptionTextSize()
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapText) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.text) }

// SetText changes the text shown.
func (t *tapText) SetText(s string) {
	t.text.Text = s
	t.text.Color = theme.Color(theme.ColorNameHyperlink)
	t.Refresh()
}

func (t *tapText) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

func (t *tapText) Cursor() desktop.Cursor { return desktop.PointerCursor }

// tapImage is a thumbnail that opens the full picture when tapped.
type tapImage struct {
	widget.BaseWidget
	img   *canvas.Image
	onTap func()
}

func newTapImage(img image.Image, size fyne.Size, onTap func()) *tapImage {
	t := &tapImage{img: canvas.NewImageFromImage(img), onTap: onTap}
	t.img.FillMode = canvas.ImageFillContain
	t.img.SetMinSize(size)
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapImage) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.img) }

func (t *tapImage) Tapped(*fyne.PointEvent) { t.onTap() }

func (t *tapImage) Cursor() desktop.Cursor { return desktop.PointerCursor }
