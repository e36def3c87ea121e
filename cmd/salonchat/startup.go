package main

import (
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// startupGC is the GC target while the window is being built: the fonts parsed and the
// first frame's textures make a few dozen MiB of garbage, and collecting it at the
// default target took a tenth of the start's CPU. The default comes back shortly after.
const startupGC = 400

// quickStart makes the first frame come sooner: a lax GC target until a second after the
// app runs, and the text fonts of the first frame (regular, bold names, italic notes)
// parsed on other cores while the store opens and the window is made. Fyne caches a
// face per style on first use, and parsing one — the text font, its emoji fallback and
// the system font for the language — is most of what the first text measurement costs.
// The returned func waits for the fonts; call it before building widgets, so they do not
// parse the same fonts a second time.
func quickStart(a fyne.App) (fontsReady func()) {
	old := debug.SetGCPercent(startupGC)
	a.Lifecycle().SetOnStarted(func() {
		time.AfterFunc(time.Second, func() { debug.SetGCPercent(old) })
	})
	var wg sync.WaitGroup
	for _, style := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fyne.MeasureText("Ag", theme.TextSize(), style)
		}()
	}
	return wg.Wait
}
