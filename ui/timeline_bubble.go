package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// Bubble spacing inside the rounded background.
const (
	bubblePadX = 10
	bubblePadY = 6
	bubbleGap  = 2
	bubbleMin  = 90
)

// bubble is one message: the salon's author, attachments, the text (always plain: client
// text is never read as markup), "удалено в Telegram" when the network deleted it, the
// time, "изменено", and the delivery state with "Повторить" when sending failed.
type bubble struct {
	t        *timeline
	msg      *inbox.Message
	outbound bool
	wide     bool // holds a file row
	bg       *canvas.Rectangle
	author   *canvas.Text
	files    *fyne.Container
	text     *widget.Label
	deleted  *canvas.Text // the network's deletion mark; the text above stays as evidence
	clock    *canvas.Text
	edited   *tapText
	state    *canvas.Text
	footer   *fyne.Container
	failure  *widget.Label
	retry    *widget.Button
	failRow  *fyne.Container
	box      *fyne.Container
}

func newBubble(t *timeline) *bubble {
	b := &bubble{t: t, bg: canvas.NewRectangle(color.Transparent)}
	tr := t.d.u.tr
	b.bg.CornerRadius = theme.SelectionRadiusSize() * 3
	b.author = smallText(true)
	b.files = container.NewVBox()
	b.text = widget.NewLabel("")
	b.text.Wrapping = fyne.TextWrapWord
	b.deleted = smallText(false)
	b.deleted.TextStyle.Italic = true
	b.clock = smallText(false)
	b.edited = newTapText(tr.T("dialog.edited"), func() { b.t.showRevisions(b.msg) })
	b.state = smallText(false)
	b.footer = container.NewHBox(b.clock, b.edited, b.state)
	b.failure = wrappedLabel("")
	b.failure.Importance = widget.DangerImportance
	b.failure.SizeName = theme.SizeNameCaptionText
	b.retry = widget.NewButtonWithIcon(tr.T("dialog.retry"), theme.ViewRefreshIcon(), func() { b.t.retry(b.msg.ID) })
	b.failRow = container.NewBorder(nil, nil, nil, container.NewCenter(b.retry), b.failure)
	b.box = container.New(&bubbleLayout{b: b}, b.bg, b.author, b.files, b.text, b.deleted, b.footer, b.failRow)
	return b
}

// smallText is a caption-sized line in the muted colour.
func smallText(bold bool) *canvas.Text {
	t := canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
	t.TextSize = theme.CaptionTextSize()
	t.TextStyle.Bold = bold
	return t
}

// set shows message m.
func (b *bubble) set(m *inbox.Message) {
	b.msg, b.outbound = m, m.Direction == inbox.DirOutbound
	th, v := theme.Current(), fyne.CurrentApp().Settings().ThemeVariant()
	b.bg.FillColor = b.background(th, v)
	b.setAuthor(m)
	b.wide = b.t.setAttachments(b.files, m)
	text := m.CurrentText()
	b.text.Text = text
	b.text.Hidden = strings.TrimSpace(text) == ""
	b.text.Refresh()
	b.setDeleted(m, th, v)
	b.clock.Text = localTime(m.At).Format("15:04")
	b.clock.Color = th.Color(theme.ColorNamePlaceHolder, v)
	b.edited.Hidden = len(m.Revisions) == 0
	b.setDelivery(m, th, v)
	b.bg.Refresh()
	b.footer.Refresh()
}

// background tints the salon's bubbles with the accent colour and gives the client's
// the input colour, so the two sides tell apart in light and dark themes alike.
func (b *bubble) background(th fyne.Theme, v fyne.ThemeVariant) color.Color {
	if !b.outbound {
		return th.Color(theme.ColorNameInputBackground, v)
	}
	r, g, bl, _ := th.Color(theme.ColorNamePrimary, v).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: 0x38}
}

func (b *bubble) setAuthor(m *inbox.Message) {
	b.author.Hidden = !b.outbound
	if !b.outbound {
		return
	}
	b.author.Text = b.t.d.operatorName(m.Author)
	b.author.TextStyle.Italic = m.Elsewhere
	if m.Elsewhere {
		// Typed on the salon's account in the network's own app (the owner's phone):
		// no operator wrote it, and the administrator should see that at once.
		b.author.Text = b.t.d.u.tr.T(inbox.KeyAuthorElsewhere, b.t.d.networkArgs())
	}
	b.author.Color = theme.Color(theme.ColorNameForeground)
	b.author.Refresh()
}

// setDeleted marks a message the network deleted, with when, in the error colour so
// that it is noticed; the message's own text keeps its ordinary look above it.
func (b *bubble) setDeleted(m *inbox.Message, th fyne.Theme, v fyne.ThemeVariant) {
	b.deleted.Hidden = m.Deleted.IsZero()
	if b.deleted.Hidden {
		return
	}
	d := b.t.d
	b.deleted.Text = d.u.tr.T("business_ui.deleted_at", map[string]any{
		"Mark": d.u.tr.T(inbox.KeyDeletedOnNetwork, d.networkArgs()), "At": d.dateTime(m.Deleted)})
	b.deleted.Color = th.Color(theme.ColorNameError, v)
	b.deleted.Refresh()
}

// setDelivery shows where an outbound message stands; a failed one says why and
// offers to try again.
func (b *bubble) setDelivery(m *inbox.Message, th fyne.Theme, v fyne.ThemeVariant) {
	b.state.Hidden = m.Delivery == nil
	b.failRow.Hidden = true
	if m.Delivery == nil {
		return
	}
	tr := b.t.d.u.tr
	b.state.Color = th.Color(theme.ColorNamePlaceHolder, v)
	switch m.Delivery.State {
	case inbox.Queued:
		b.state.Text = tr.T("dialog.delivery.queued")
	case inbox.Sent:
		b.state.Text = tr.T("dialog.delivery.sent")
	case inbox.Delivered:
		b.state.Text = tr.T("dialog.delivery.delivered")
	case inbox.Read:
		b.state.Text = tr.T("dialog.delivery.read")
		b.state.Color = th.Color(theme.ColorNamePrimary, v)
	case inbox.Failed:
		b.state.Text = tr.T("dialog.delivery.failed")
		b.state.Color = th.Color(theme.ColorNameError, v)
		b.failure.SetText(b.t.d.failureText(m.Delivery))
		b.failRow.Hidden = false
	}
	b.state.Refresh()
}

// naturalWidth is how wide the bubble would like to be: its longest line, or what its
// attachments and footer need. The row caps it.
func (b *bubble) naturalWidth() float32 {
	w := float32(bubbleMin)
	if !b.text.Hidden {
		size := b.text.Theme().Size(theme.SizeNameText)
		for _, line := range strings.Split(b.text.Text, "\n") {
			w = max(w, fyne.MeasureText(line, size, b.text.TextStyle).Width+2*theme.InnerPadding()+2)
		}
	}
	if !b.author.Hidden {
		w = max(w, b.author.MinSize().Width+2*bubblePadX)
	}
	if !b.deleted.Hidden {
		w = max(w, b.deleted.MinSize().Width+2*bubblePadX)
	}
	if !b.files.Hidden {
		w = max(w, b.files.MinSize().Width+2*bubblePadX)
	}
	if b.wide {
		w = max(w, fileRowWidth)
	}
	if !b.failRow.Hidden {
		w = bubbleMaxWidth
	}
	return max(w, b.footer.MinSize().Width+2*bubblePadX)
}

// bubbleLayout stacks the bubble's parts tightly; the text label brings its own inner
// padding, so it spans the whole bubble.
type bubbleLayout struct{ b *bubble }

func (l *bubbleLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	b := l.b
	b.bg.Resize(size)
	b.bg.Move(fyne.NewPos(0, 0))
	l.stack(size.Width, true)
}

func (l *bubbleLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(bubbleMin, l.stack(l.b.box.Size().Width, false))
}

// stack places (or, with place false, only measures) the visible parts top to bottom
// and returns the height they take.
func (l *bubbleLayout) stack(width float32, place bool) float32 {
	b := l.b
	y := float32(bubblePadY)
	for _, part := range []struct {
		o    fyne.CanvasObject
		x, w float32
	}{
		{b.author, bubblePadX, width - 2*bubblePadX},
		{b.files, bubblePadX, width - 2*bubblePadX},
		{b.text, 0, width},
		{b.deleted, bubblePadX, width - 2*bubblePadX},
		{b.footer, bubblePadX, width - 2*bubblePadX},
		{b.failRow, bubblePadX, width - 2*bubblePadX},
	} {
		if !part.o.Visible() {
			continue
		}
		if place || part.o == fyne.CanvasObject(b.text) {
			part.o.Resize(fyne.NewSize(part.w, part.o.Size().Height))
		}
		h := part.o.MinSize().Height
		if part.o == fyne.CanvasObject(b.text) {
			h -= theme.InnerPadding() // the label's own padding already spaces it
		}
		if place {
			part.o.Move(fyne.NewPos(part.x, y))
			part.o.Resize(fyne.NewSize(part.w, part.o.MinSize().Height))
		}
		y += h + bubbleGap
	}
	return y - bubbleGap + bubblePadY
}
