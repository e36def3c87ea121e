package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// newPanelFixture is the fixture with the live loop stopped. Fyne's test driver runs
// fyne.Do on the calling goroutine, so a running loop would touch the widgets while the
// test reads them; these tests call the panel's update themselves instead.
func newPanelFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	f.ui.Close()
	return f
}

// cpVisible calls fn for every visible object under o, depth first, o included.
func cpVisible(o fyne.CanvasObject, fn func(fyne.CanvasObject) bool) bool {
	if o == nil || !o.Visible() {
		return true
	}
	if !fn(o) {
		return false
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		if !cpVisible(c, fn) {
			return false
		}
	}
	return true
}

// cpText is all visible text under o, one piece a line.
func cpText(o fyne.CanvasObject) string {
	var b strings.Builder
	cpVisible(o, func(o fyne.CanvasObject) bool {
		switch x := o.(type) {
		case *canvas.Text:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		}
		return true
	})
	return b.String()
}

// cpTappable is the innermost visible tappable object under o whose text holds text
// (scrolls and pop-ups are tappable too), or fails the test.
func cpTappable(t *testing.T, o fyne.CanvasObject, text string) fyne.Tappable {
	t.Helper()
	var found fyne.Tappable
	cpVisible(o, func(o fyne.CanvasObject) bool {
		if tp, ok := o.(fyne.Tappable); ok && strings.Contains(cpText(o), text) {
			found = tp // a later match lies inside an earlier one or after it
		}
		return true
	})
	if found == nil {
		t.Fatalf("nothing to tap with %q in:\n%s", text, cpText(o))
	}
	return found
}

// cpMenu taps the panel's arrow and then the menu item called item.
func cpMenu(t *testing.T, f *fixture, item string) {
	t.Helper()
	p := f.ui.client
	if p.more == nil {
		t.Fatal("the panel shows no arrow menu")
	}
	test.Tap(p.more)
	top := f.ui.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the arrow opened no menu")
	}
	test.Tap(cpTappable(t, top, item))
}

func cpWantText(t *testing.T, o fyne.CanvasObject, want ...string) {
	t.Helper()
	got := cpText(o)
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("panel does not show %q; it shows:\n%s", w, got)
		}
	}
}
