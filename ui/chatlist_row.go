package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/assets"
)

// rowView is what one row of the chat list shows, worked out from the loaded page so
// that binding a row reads nothing from the store.
type rowView struct {
	icon        fyne.Resource
	title       string
	you         string // "Вы: " when the salon wrote last, else ""
	preview     string
	when        string
	waiting     string // "ждёт 25 мин" when unanswered, else ""
	waitingLong bool
	unread      int
	selected    bool
	broken      string // why the chat's account does not work, "" when it does
}

// chatRow is one fixed-height row: channel icon (with "!" when the account is broken),
// name and time on the first line, the last message, the wait and the unread count on
// the second. A dozen rows are made and rebound while scrolling, so bind only sets texts
// and the renderer lays the parts out by hand instead of nesting containers.
type chatRow struct {
	widget.BaseWidget
	v rowView

	bg      *canvas.Rectangle
	icon    *canvas.Image
	broken  *brokenBadge
	title   *widget.Label
	you     *canvas.Text
	preview *widget.RichText
	when    *canvas.Text
	waiting *canvas.Text
	unread  *countBadge
}

// newChatRow makes an empty row; onHover shows or hides the reason of its "!".
func newChatRow(onHover func(*brokenBadge, bool)) *chatRow {
	// One plain text segment: client text is never parsed as Markdown, and Fyne 2.7 draws
	// no ellipsis when a truncated RichText has several segments.
	msg := widget.RichTextStyleInline
	msg.ColorName = theme.ColorNamePlaceHolder
	r := &chatRow{
		bg:      canvas.NewRectangle(nil),
		icon:    canvas.NewImageFromResource(nil),
		broken:  newBrokenBadge(onHover),
		title:   widget.NewLabel(""),
		you:     canvas.NewText("", nil),
		preview: widget.NewRichText(&widget.TextSegment{Style: msg}),
		when:    canvas.NewText("", nil),
		waiting: canvas.NewText("", nil),
		unread:  newCountBadge(),
	}
	r.icon.FillMode = canvas.ImageFillContain
	r.title.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.preview.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

// bind shows v, refreshing only the parts that changed.
func (r *chatRow) bind(v rowView) {
	old := r.v
	r.v = v
	if old.icon != v.icon {
		r.icon.Resource = v.icon
		r.icon.Refresh()
	}
	if old.title != v.title {
		r.title.SetText(v.title)
	}
	if old.preview != v.preview {
		r.preview.Segments[0].(*widget.TextSegment).Text = v.preview
		r.preview.Refresh()
	}
	r.broken.setReason(v.broken)
	r.unread.setCount(v.unread)
	if old != v {
		r.Refresh()
	}
}

func (r *chatRow) CreateRenderer() fyne.WidgetRenderer {
	rr := &chatRowRenderer{r: r}
	rr.Refresh()
	return rr
}

type chatRowRenderer struct{ r *chatRow }

// rowIcon is the side of the channel icon; badge the side of the "!" on its corner.
const (
	rowIcon = 34
	badge   = 16
)

func (rr *chatRowRenderer) Layout(size fyne.Size) {
	r, th := rr.r, rr.r.Theme()
	pad, inner := th.Size(theme.SizeNamePadding), th.Size(theme.SizeNameInnerPadding)
	line := rr.lineHeight()
	r.bg.Resize(size)
	r.icon.Move(fyne.NewPos(inner, (size.Height-rowIcon)/2))
	r.icon.Resize(fyne.NewSize(rowIcon, rowIcon))
	r.broken.Move(fyne.NewPos(inner+rowIcon-badge+3, (size.Height+rowIcon)/2-badge+3))
	r.broken.Resize(fyne.NewSize(badge, badge))

	x, right := inner+rowIcon+inner, size.Width-inner
	top := (size.Height - 2*line - pad) / 2
	bottom := top + line + pad
	ws := r.when.MinSize()
	r.when.Move(fyne.NewPos(right-ws.Width, top+(line-ws.Height)/2))
	r.when.Resize(ws)
	// Labels keep an inner padding around their text: place them so that the text, not
	// the widget, lines up with the other parts.
	r.title.Move(fyne.NewPos(x-inner, top-inner))
	r.title.Resize(fyne.NewSize(right-ws.Width-pad-x+2*inner, line+2*inner))

	end := right
	if r.v.unread > 0 {
		bs := r.unread.MinSize()
		end -= bs.Width
		r.unread.Move(fyne.NewPos(end, bottom+(line-bs.Height)/2))
		r.unread.Resize(bs)
		end -= pad
	}
	if r.v.waiting != "" {
		w := r.waiting.MinSize()
		end -= w.Width
		r.waiting.Move(fyne.NewPos(end, bottom+(line-w.Height)/2))
		r.waiting.Resize(w)
		end -= pad
	}
	if r.v.you != "" {
		ys := r.you.MinSize()
		r.you.Move(fyne.NewPos(x, bottom+(line-ys.Height)/2))
		r.you.Resize(ys)
		x += ys.Width
	}
	r.preview.Move(fyne.NewPos(x-inner, bottom-inner))
	r.preview.Resize(fyne.NewSize(end-x+2*inner, line+2*inner))
}

// lineHeight is the height of one line of regular text.
func (rr *chatRowRenderer) lineHeight() float32 {
	th := rr.r.Theme()
	return fyne.MeasureText("Ag", th.Size(theme.SizeNameText), fyne.TextStyle{}).Height
}

func (rr *chatRowRenderer) MinSize() fyne.Size {
	th := rr.r.Theme()
	pad, inner := th.Size(theme.SizeNamePadding), th.Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(rowIcon+8*inner, max(2*rr.lineHeight()+pad+2*inner, rowIcon+2*pad))
}

func (rr *chatRowRenderer) Refresh() {
	r, th, v := rr.r, rr.r.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(theme.ColorNameSelection, v)
	r.bg.CornerRadius = th.Size(theme.SizeNameSelectionRadius)
	r.bg.Hidden = !r.v.selected
	small := th.Size(theme.SizeNameCaptionText)
	r.when.Text, r.when.TextSize = r.v.when, small
	r.when.Color = th.Color(theme.ColorNamePlaceHolder, v)
	if r.v.unread > 0 {
		r.when.Color = th.Color(theme.ColorNamePrimary, v)
	}
	r.waiting.Text, r.waiting.TextSize = r.v.waiting, small
	r.waiting.Hidden = r.v.waiting == ""
	r.waiting.Color = th.Color(theme.ColorNameWarning, v)
	if r.v.waitingLong {
		r.waiting.Color = th.Color(theme.ColorNameError, v)
	}
	r.unread.Hidden = r.v.unread == 0
	r.you.Text, r.you.TextSize = r.v.you, th.Size(theme.SizeNameText)
	r.you.Color = th.Color(theme.ColorNameForeground, v)
	r.you.Hidden = r.v.you == ""
	rr.Layout(r.Size())
	canvas.Refresh(r)
}

func (rr *chatRowRenderer) Objects() []fyne.CanvasObject {
	r := rr.r
	return []fyne.CanvasObject{r.bg, r.icon, r.title, r.when, r.you, r.preview, r.waiting, r.unread, r.broken}
}

func (rr *chatRowRenderer) Destroy() {}

// channelIcon returns the icon of a network for a row.
func channelIcon(network string) fyne.Resource { return assets.ChannelIcon(network) }
