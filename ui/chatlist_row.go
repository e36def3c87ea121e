package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rowView is what one row of the chat list shows, worked out from the loaded page so
// that binding a row reads nothing from the store.
type rowView struct {
	icon     fyne.Resource
	title    string
	via      string // "через @lotos_salon" for a chat through the salon's own account
	you      string // "Вы: " when the salon wrote last, else ""
	preview  string
	when     string
	waiting  string // "ждёт 25 мин" when unanswered, "до 21.11 10:00" when postponed
	tone     noteTone
	unread   int
	selected bool
	broken   string // why the chat's account (or business connection) does not work, "" when it does
}

// noteTone is the colour of a row's note: a short wait, a long one, a postponement.
type noteTone int

const (
	toneWarning noteTone = iota
	toneError
	toneMuted
)

func (t noteTone) color() fyne.ThemeColorName {
	switch t {
	case toneError:
		return theme.ColorNameError
	case toneMuted:
		return theme.ColorNamePlaceHolder
	}
	return theme.ColorNameWarning
}

// chatRow is one fixed-height row: channel icon (with "!" when the account is broken),
// name and time on the first line, the last message, the wait and the unread count on
// the second. A dozen rows are made and rebound while scrolling, so the texts are plain
// canvas texts fitted by fit (client text is never parsed as markup), and the renderer
// lays the parts out by hand instead of nesting containers.
type chatRow struct {
	widget.BaseWidget
	v   rowView
	fit *textFitter

	bg      *canvas.Rectangle
	icon    *canvas.Image
	broken  *brokenBadge
	title   *canvas.Text
	via     *canvas.Text
	you     *canvas.Text
	preview *canvas.Text
	when    *canvas.Text
	waiting *canvas.Text
	unread  *countBadge
}

// newChatRow makes an empty row; onHover shows or hides the reason of its "!".
func newChatRow(fit *textFitter, onHover func(*brokenBadge, bool)) *chatRow {
	r := &chatRow{
		fit:     fit,
		bg:      canvas.NewRectangle(nil),
		icon:    canvas.NewImageFromResource(nil),
		broken:  newBrokenBadge(onHover),
		title:   canvas.NewText("", nil),
		via:     canvas.NewText("", nil),
		you:     canvas.NewText("", nil),
		preview: canvas.NewText("", nil),
		when:    canvas.NewText("", nil),
		waiting: canvas.NewText("", nil),
		unread:  newCountBadge(),
	}
	r.icon.FillMode = canvas.ImageFillContain
	r.title.TextStyle.Bold = true
	r.ExtendBaseWidget(r)
	return r
}

// bind shows v.
func (r *chatRow) bind(v rowView) {
	if r.v == v {
		return
	}
	if r.v.icon != v.icon {
		r.icon.Resource = v.icon
		r.icon.Refresh()
	}
	r.v = v
	r.broken.setReason(v.broken)
	r.unread.setCount(v.unread)
	r.Refresh()
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
	rr.placeTitle(x, top, right-ws.Width-pad-x)

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
		r.you.Move(fyne.NewPos(x, bottom))
		r.you.Resize(ys)
		x += ys.Width
	}
	rr.place(r.preview, r.v.preview, x, bottom, end-x)
}

// placeTitle puts the name in the width of the first line, and after it, when the chat
// came through the salon's own account, which account: the name gives way first, but
// keeps at least half the line so that both stay recognisable.
func (rr *chatRowRenderer) placeTitle(x, y, width float32) {
	r := rr.r
	if r.v.via == "" {
		rr.place(r.title, r.v.title, x, y, width)
		return
	}
	pad := r.Theme().Size(theme.SizeNamePadding)
	viaW := r.fit.measure(r.v.via, r.via.TextSize, r.via.TextStyle)
	titleW := r.fit.measure(r.v.title, r.title.TextSize, r.title.TextStyle)
	titleW = min(titleW, max(width-viaW-pad, width/2))
	rr.place(r.title, r.v.title, x, y, titleW)
	rr.place(r.via, r.v.via, x+titleW+pad, y+(rr.lineHeight()-r.via.MinSize().Height)/2, width-titleW-pad)
}

// place shows text in t at (x, y), shortened to width.
func (rr *chatRowRenderer) place(t *canvas.Text, text string, x, y, width float32) {
	if fitted := rr.r.fit.fit(text, width, t.TextSize, t.TextStyle); t.Text != fitted {
		t.Text = fitted
		t.Refresh()
	}
	t.Move(fyne.NewPos(x, y))
	t.Resize(fyne.NewSize(max(width, 0), rr.lineHeight()))
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
	text, small := th.Size(theme.SizeNameText), th.Size(theme.SizeNameCaptionText)
	r.title.TextSize, r.title.Color = text, th.Color(theme.ColorNameForeground, v)
	r.via.TextSize, r.via.Color = small, th.Color(theme.ColorNamePlaceHolder, v)
	r.via.Hidden = r.v.via == ""
	r.preview.TextSize, r.preview.Color = text, th.Color(theme.ColorNamePlaceHolder, v)
	r.you.Text, r.you.TextSize, r.you.Color = r.v.you, text, th.Color(theme.ColorNameForeground, v)
	r.you.Hidden = r.v.you == ""
	r.when.Text, r.when.TextSize = r.v.when, small
	r.when.Color = th.Color(theme.ColorNamePlaceHolder, v)
	if r.v.unread > 0 {
		r.when.Color = th.Color(theme.ColorNamePrimary, v)
	}
	r.waiting.Text, r.waiting.TextSize = r.v.waiting, small
	r.waiting.Hidden = r.v.waiting == ""
	r.waiting.Color = th.Color(r.v.tone.color(), v)
	r.unread.Hidden = r.v.unread == 0
	rr.Layout(r.Size())
	canvas.Refresh(r)
}

func (rr *chatRowRenderer) Objects() []fyne.CanvasObject {
	r := rr.r
	return []fyne.CanvasObject{r.bg, r.icon, r.title, r.via, r.when, r.you, r.preview, r.waiting, r.unread, r.broken}
}

func (rr *chatRowRenderer) Destroy() {}
