package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// textLine is one paragraph of a plainText block.
type textLine struct {
	text  string
	color fyne.ThemeColorName // "" is the ordinary text colour
	small bool
	bold  bool
}

// plainText builds a wrapping block from plain text segments. Client text (names,
// notes, message previews) goes through here as is: never as Markdown, which would let a
// message make Fyne fetch an image from the Internet.
func plainText(lines ...textLine) *widget.RichText {
	segs := make([]widget.RichTextSegment, 0, len(lines))
	for _, l := range lines {
		if l.text == "" {
			continue
		}
		style := widget.RichTextStyle{ColorName: l.color, TextStyle: fyne.TextStyle{Bold: l.bold}}
		if l.small {
			style.SizeName = theme.SizeNameCaptionText
		}
		segs = append(segs, &widget.TextSegment{Text: l.text, Style: style})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// muted is a quiet line: captions, dates, "nothing here yet".
func muted(text string) textLine { return textLine{text: text, color: theme.ColorNamePlaceHolder} }

// caption is a small muted line above a value.
func caption(text string) textLine {
	return textLine{text: text, color: theme.ColorNamePlaceHolder, small: true}
}

// field shows a caption with its value under it, which fits a narrow column better than
// a two-column form.
func field(name, value string) fyne.CanvasObject {
	return plainText(caption(name), textLine{text: value})
}

// itemList stacks items with thin separators, or shows empty when there are none.
func itemList(items []fyne.CanvasObject, empty string) fyne.CanvasObject {
	if len(items) == 0 {
		return plainText(muted(empty))
	}
	box := container.NewVBox()
	for i, it := range items {
		if i > 0 {
			box.Add(widget.NewSeparator())
		}
		box.Add(it)
	}
	return box
}

// nameWidth is how wide a word of a name may be in the larger type: wider ones would be
// broken mid-word in a 300 px column ("Кузнецова-Рождествен / ская").
const nameWidth = 220

// nameSize is the type size for a name at the top of the panel: larger, unless one of
// its words would not fit on a line.
func nameSize(name string) fyne.ThemeSizeName {
	size := theme.Size(theme.SizeNameSubHeadingText)
	for _, w := range strings.Fields(name) {
		if fyne.MeasureText(w, size, fyne.TextStyle{Bold: true}).Width > nameWidth {
			return theme.SizeNameText
		}
	}
	return theme.SizeNameSubHeadingText
}
