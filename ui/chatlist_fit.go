package ui

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

// textFitter shortens one-line texts to a width, ending them with "…". Fyne's own
// ellipsis shapes the whole text again on every change, about half a millisecond per
// label, which made binding a screen of rows cost ~13 ms; here each rune is measured once
// and a text is fitted by adding up widths. Adding up ignores kerning, which only makes
// the estimate a little wider than the real text, so a fitted text never overflows.
// It is used on the UI goroutine only.
type textFitter struct {
	widths map[fitKey]float32
}

type fitKey struct {
	r    rune
	size float32
	bold bool
}

func newTextFitter() *textFitter { return &textFitter{widths: map[fitKey]float32{}} }

// fit returns s, or its longest start that fits width together with "…".
func (f *textFitter) fit(s string, width, size float32, style fyne.TextStyle) string {
	ellipsis := f.width('…', size, style)
	var sum float32
	cut := 0 // bytes of s that fit together with the ellipsis
	for i, r := range s {
		sum += f.width(r, size, style)
		if sum > width {
			return strings.TrimRight(s[:cut], " ") + "…"
		}
		if sum+ellipsis <= width {
			cut = i + utf8.RuneLen(r)
		}
	}
	return s
}

// measure is how wide s is by the fitter's own sum: the width at which fit keeps it
// whole.
func (f *textFitter) measure(s string, size float32, style fyne.TextStyle) float32 {
	var sum float32
	for _, r := range s {
		sum += f.width(r, size, style)
	}
	return sum
}

func (f *textFitter) width(r rune, size float32, style fyne.TextStyle) float32 {
	k := fitKey{r: r, size: size, bold: style.Bold}
	w, ok := f.widths[k]
	if !ok {
		w = fyne.MeasureText(string(r), size, fyne.TextStyle{Bold: style.Bold}).Width
		f.widths[k] = w
	}
	return w
}
