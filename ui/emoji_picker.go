package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// prefRecentEmoji keeps the emoji an operator picked last, newest first.
const prefRecentEmoji = "emoji.recent"

// recentEmojiMax is how many recent emoji are remembered.
const recentEmojiMax = 24

// emojiPicker is the 😊 popup: a search field and a grid, recent emoji first. Picking
// inserts at the cursor and leaves the popup open for more.
type emojiPicker struct {
	c      *composer
	search *widget.Entry
	grid   *widget.GridWrap
	shown  []string
	pop    *widget.PopUp
}

func (c *composer) showEmojiPicker() {
	p := &emojiPicker{c: c}
	c.picker = p
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(c.d.u.tr.T("composer.emoji.search"))
	p.search.OnChanged = func(string) { p.filter() }
	p.grid = widget.NewGridWrap(func() int { return len(p.shown) }, newEmojiCell,
		func(id widget.GridWrapItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.shown[id]) })
	p.grid.OnSelected = func(id widget.GridWrapItemID) {
		p.grid.UnselectAll()
		p.pick(p.shown[id])
	}
	p.filter()
	content := container.NewBorder(p.search, nil, nil, nil, p.grid)
	p.pop = widget.NewPopUp(content, c.d.u.win.Canvas())
	size := fyne.NewSize(380, 320)
	p.pop.Resize(size)
	p.pop.ShowAtRelativePosition(fyne.NewPos(0, -size.Height), c.entry)
	c.d.u.win.Canvas().Focus(p.search)
}

func newEmojiCell() fyne.CanvasObject {
	l := widget.NewLabel("😀")
	l.Alignment = fyne.TextAlignCenter
	l.SizeName = theme.SizeNameHeadingText
	return l
}

// filter shows what matches the search, or recent emoji and then all the others.
func (p *emojiPicker) filter() {
	terms := emojiTerms(p.search.Text)
	p.shown = p.shown[:0]
	if len(terms) == 0 {
		p.shown = append(p.shown, p.c.recentEmoji()...)
	}
	for _, e := range p.c.emoji.list() {
		if e.matches(terms) && (len(terms) > 0 || !slices.Contains(p.shown, e.char)) {
			p.shown = append(p.shown, e.char)
		}
	}
	p.grid.Refresh()
	p.grid.ScrollToTop()
}

// pick inserts an emoji and remembers it as recent.
func (p *emojiPicker) pick(char string) {
	p.c.entry.insert(char)
	p.c.rememberEmoji(char)
}

func (c *composer) recentEmoji() []string {
	return c.d.u.app.Preferences().StringList(prefRecentEmoji)
}

func (c *composer) rememberEmoji(char string) {
	recent := slices.DeleteFunc(c.recentEmoji(), func(s string) bool { return s == char })
	recent = append([]string{char}, recent...)
	c.d.u.app.Preferences().SetStringList(prefRecentEmoji, recent[:min(len(recent), recentEmojiMax)])
}
