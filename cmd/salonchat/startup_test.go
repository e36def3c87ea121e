package main

import (
	"runtime/debug"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestQuickStart_LaxGCUntilStartedAndFontsParsed: while the window is built the GC runs
// at startupGC, and the first frame's text styles are measurable once fontsReady
// returns (parsed by the warm-up goroutines, under -race in CI).
func TestQuickStart_LaxGCUntilStartedAndFontsParsed(t *testing.T) {
	a := test.NewApp()
	defer a.Quit()
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	fontsReady := quickStart(a)
	fontsReady()
	if got := debug.SetGCPercent(100); got != startupGC {
		t.Errorf("GC percent while starting = %d; want %d", got, startupGC)
	}
	for _, style := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}} {
		if s := fyne.MeasureText("Ag", theme.TextSize(), style); s.Width <= 0 || s.Height <= 0 {
			t.Errorf("MeasureText in %+v after the warm-up = %v", style, s)
		}
	}
}
