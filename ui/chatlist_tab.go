package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// filterTab is one tab of the chat list's filter rows: a name and its count, underlined
// when chosen. The owner row puts the count beside the name; the status row, four tabs
// in a narrow pane, puts it under the name so that "Отложенные" never gets cut.
type filterTab struct {
	widget.BaseWidget
	name, count    string
	stacked        bool
	selected       bool
	alert, hovered bool
	focused        bool
	onTapped       func()
}

var (
	_ fyne.Tappable      = (*filterTab)(nil)
	_ fyne.Focusable     = (*filterTab)(nil)
	_ desktop.Hoverable  = (*filterTab)(nil)
	_ desktop.Cursorable = (*filterTab)(nil)
)

func newFilterTab(name string, stacked bool, onTapped func()) *filterTab {
	t := &filterTab{name: name, stacked: stacked, onTapped: onTapped}
	t.ExtendBaseWidget(t)
	return t
}

// set shows a new count and state; alert draws the count in the error colour.
func (t *filterTab) set(count string, selected, alert bool) {
	if t.count == count && t.selected == selected && t.alert == alert {
		return
	}
	t.count, t.selected, t.alert = count, selected, alert
	t.Refresh()
}

func (t *filterTab) Tapped(*fyne.PointEvent) {
	if t.onTapped != nil {
		t.onTapped()
	}
}

// The tabs take keyboard focus (Tab moves through them, Space or Enter chooses), so the
// list can be worked without a mouse.
func (t *filterTab) FocusGained() { t.focused = true; t.Refresh() }
func (t *filterTab) FocusLost()   { t.focused = false; t.Refresh() }
func (t *filterTab) TypedRune(r rune) {
	if r == ' ' {
		t.Tapped(nil)
	}
}

func (t *filterTab) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		t.Tapped(nil)
	}
}

func (t *filterTab) MouseIn(*desktop.MouseEvent)    { t.hovered = true; t.Refresh() }
func (t *filterTab) MouseMoved(*desktop.MouseEvent) {}
func (t *filterTab) MouseOut()                      { t.hovered = false; t.Refresh() }
func (t *filterTab) Cursor() desktop.Cursor         { return desktop.PointerCursor }

func (t *filterTab) CreateRenderer() fyne.WidgetRenderer {
	r := &filterTabRenderer{t: t, bg: canvas.NewRectangle(nil), line: canvas.NewRectangle(nil),
		name: canvas.NewText("", nil), count: canvas.NewText("", nil)}
	r.count.TextStyle.Bold = true
	r.Refresh()
	return r
}

type filterTabRenderer struct {
	t           *filterTab
	bg, line    *canvas.Rectangle
	name, count *canvas.Text
}

// underline is the height of the chosen tab's mark.
const underline = 3

func (r *filterTabRenderer) Layout(size fyne.Size) {
	th := r.t.Theme()
	pad := th.Size(theme.SizeNamePadding)
	r.bg.Resize(size)
	ns, cs := r.name.MinSize(), r.count.MinSize()
	if r.t.stacked {
		top := (size.Height - underline - ns.Height - cs.Height) / 2
		r.name.Move(fyne.NewPos((size.Width-ns.Width)/2, top))
		r.count.Move(fyne.NewPos((size.Width-cs.Width)/2, top+ns.Height))
	} else {
		x := (size.Width - ns.Width - pad - cs.Width) / 2
		y := (size.Height - underline - ns.Height) / 2
		r.name.Move(fyne.NewPos(x, y))
		r.count.Move(fyne.NewPos(x+ns.Width+pad, y))
	}
	r.name.Resize(ns)
	r.count.Resize(cs)
	r.line.Move(fyne.NewPos(pad, size.Height-underline))
	r.line.Resize(fyne.NewSize(size.Width-2*pad, underline))
}

func (r *filterTabRenderer) MinSize() fyne.Size {
	th := r.t.Theme()
	pad, inner := th.Size(theme.SizeNamePadding), th.Size(theme.SizeNameInnerPadding)
	ns, cs := r.name.MinSize(), r.count.MinSize()
	if r.t.stacked {
		return fyne.NewSize(max(ns.Width, cs.Width)+2*pad, ns.Height+cs.Height+2*pad+underline)
	}
	return fyne.NewSize(ns.Width+pad+cs.Width+2*pad, max(ns.Height, cs.Height)+inner+underline)
}

func (r *filterTabRenderer) Refresh() {
	th, v := r.t.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	r.name.Text, r.count.Text = r.t.name, r.t.count
	r.name.TextStyle.Bold = r.t.selected
	r.name.TextSize = th.Size(theme.SizeNameText)
	r.count.TextSize = th.Size(theme.SizeNameText)
	r.name.Color = th.Color(theme.ColorNameForeground, v)
	r.count.Color = th.Color(theme.ColorNamePlaceHolder, v)
	switch {
	case r.t.alert:
		r.count.Color = th.Color(theme.ColorNameError, v)
	case r.t.selected:
		r.count.Color = th.Color(theme.ColorNamePrimary, v)
	}
	r.bg.FillColor = th.Color(theme.ColorNameHover, v)
	if r.t.focused {
		r.bg.FillColor = th.Color(theme.ColorNameFocus, v)
	}
	r.bg.CornerRadius = th.Size(theme.SizeNameSelectionRadius)
	r.bg.Hidden = !r.t.hovered && !r.t.focused
	r.line.FillColor = th.Color(theme.ColorNamePrimary, v)
	r.line.Hidden = !r.t.selected
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}

func (r *filterTabRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.name, r.count, r.line}
}

func (r *filterTabRenderer) Destroy() {}
