package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// dialogSalon is the fixture with the live loop stopped: Fyne's test driver runs fyne.Do
// on the caller's goroutine, so a running loop would change widgets while the test reads
// them. pump applies the events published so far on the test's goroutine instead, as
// the live loop does for the centre.
type dialogSalon struct {
	*fixture
	sub   *inbox.Subscription
	d     *dialogView
	later []func()
}

func newDialogSalon(t testing.TB) *dialogSalon {
	t.Helper()
	f := newFixture(t)
	f.ui.Close()
	s := &dialogSalon{fixture: f, sub: f.svc.Subscribe(1 << 14), d: f.ui.dialog}
	t.Cleanup(s.sub.Close)
	f.ui.opts.DataDir = t.TempDir()
	s.d.timeline.after = func(fn func()) { s.later = append(s.later, fn) }
	return s
}

// open shows a dialog in the centre.
func (s *dialogSalon) open(id inbox.DialogID) {
	s.t.Helper()
	row, err := s.svc.Row(id)
	must(s.t, err)
	s.d.show(row)
}

// pump applies the pending events to the centre the way live.apply does.
func (s *dialogSalon) pump() {
	var batch []inbox.Event
	for {
		select {
		case ev := <-s.sub.Events():
			batch = append(batch, ev)
			continue
		default:
		}
		break
	}
	accounts := false
	for _, ev := range batch {
		accounts = accounts || ev.Kind == inbox.EventAccount
	}
	if accounts {
		must(s.t, s.ui.loadAccounts())
	}
	if len(batch) > 0 {
		s.d.update(batch, accounts)
	}
}

// runLater runs the work the timeline deferred until after a layout pass.
func (s *dialogSalon) runLater() {
	for len(s.later) > 0 {
		fn := s.later[0]
		s.later = s.later[1:]
		fn()
	}
}

// messages reads every message of a chat, oldest first.
func (s *dialogSalon) messages(chat inbox.ChatID) []inbox.Message {
	s.t.Helper()
	ms, err := s.svc.Messages(chat, 0, 1000)
	must(s.t, err)
	return ms
}

// walk visits o and everything inside it, depth first; fn says whether to look inside.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject) bool) {
	if o == nil || !fn(o) {
		return
	}
	var kids []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		kids = v.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(v).Objects()
	}
	for _, k := range kids {
		walk(k, fn)
	}
}

// visibleTexts is every text shown under o, hidden parts left out.
func visibleTexts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(c fyne.CanvasObject) bool {
		if !c.Visible() {
			return false
		}
		switch v := c.(type) {
		case *widget.Label:
			out = append(out, v.Text)
			return false
		case *widget.Button:
			out = append(out, v.Text)
			return false
		case *widget.Entry:
			out = append(out, v.Text)
			return false
		case *widget.RichText:
			out = append(out, v.String())
			return false
		case *canvas.Text:
			out = append(out, v.Text)
		}
		return true
	})
	return out
}

// overlayTexts is every text shown in the window's popups and dialogs.
func (s *dialogSalon) overlayTexts() string {
	var out []string
	for _, o := range s.ui.win.Canvas().Overlays().List() {
		out = append(out, visibleTexts(o)...)
	}
	return strings.Join(out, "\n")
}

// findButton finds a visible button by its text in the overlays.
func (s *dialogSalon) overlayButton(text string) *widget.Button {
	var found *widget.Button
	for _, o := range s.ui.win.Canvas().Overlays().List() {
		walk(o, func(c fyne.CanvasObject) bool {
			if b, ok := c.(*widget.Button); ok && b.Text == text && b.Visible() {
				found = b
			}
			return c.Visible()
		})
	}
	return found
}

// timelineTexts is what the timeline rows on screen show, top to bottom.
func (s *dialogSalon) timelineTexts() string {
	return strings.Join(visibleTexts(s.d.timeline.list), "\n")
}

// itemTexts is what every timeline item says, loaded or not on screen.
func (s *dialogSalon) itemTexts() []string {
	var out []string
	r := newTimelineRow(s.d.timeline)
	for _, it := range s.d.timeline.items {
		r.set(it)
		if it.kind == tlMessage {
			out = append(out, r.bubble.text.Text+" | "+r.bubble.state.Text)
		} else {
			out = append(out, r.seg.Text)
		}
	}
	return out
}

func hasLine(lines []string, sub string) bool {
	for _, l := range lines {
		if strings.Contains(l, sub) {
			return true
		}
	}
	return false
}
