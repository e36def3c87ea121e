package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/assets"
	"salonchat/i18n"
	"salonchat/inbox"
)

// leftPane is the list of accounts with the button that connects a messenger under it.
func (w *accountsWindow) leftPane() fyne.CanvasObject {
	tr := w.u.tr
	w.empty = accountWrapped(tr.T("accounts.empty"))
	w.empty.Alignment = fyne.TextAlignCenter
	add := widget.NewButtonWithIcon(tr.T("accounts.add"), theme.ContentAddIcon(), w.showAdd)
	add.Importance = widget.HighImportance
	bottom := container.NewVBox(widget.NewSeparator(), add)
	if len(w.u.opts.Networks) == 0 {
		// Nothing to choose from: say why rather than offer an empty choice.
		add.Disable()
		note := accountCaption(tr.T("accounts.no_networks"))
		bottom.Add(note)
	}
	return container.NewBorder(nil, container.NewPadded(bottom), nil, nil,
		container.NewStack(w.list, container.NewPadded(container.NewVBox(w.empty))))
}

func (w *accountsWindow) newList() *widget.List {
	l := widget.NewList(func() int { return len(w.entries) },
		func() fyne.CanvasObject { return newAccountRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(w.entries) {
				return
			}
			e := w.entries[id]
			if e.conn != nil {
				o.(*accountRow).setConnection(w, w.accounts[e.acc], *e.conn)
				return
			}
			o.(*accountRow).set(w, w.accounts[e.acc])
		})
	l.OnSelected = func(id widget.ListItemID) {
		// A connection's row selects its account: the account's pane shows the
		// connection in full.
		if id < len(w.entries) {
			w.selectAccount(w.accounts[w.entries[id].acc].ID)
		}
	}
	return l
}

// accountRow is one account: network icon, title, network and state, since when, and
// the red "!" when a person must fix its settings. Disabled accounts are greyed.
type accountRow struct {
	widget.BaseWidget
	indent fyne.CanvasObject // shown for a business connection, listed under its account
	icon   *canvas.Image
	title  *widget.Label
	state  *widget.Label
	since  *widget.RichText
	badge  *brokenBadge
	box    *fyne.Container
}

func newAccountRow() *accountRow {
	r := &accountRow{icon: canvas.NewImageFromResource(nil), title: widget.NewLabel(""),
		state: widget.NewLabel(""), since: accountMuted("", theme.SizeNameCaptionText), badge: newBrokenBadge(nil)}
	r.icon.FillMode = canvas.ImageFillContain
	r.icon.SetMinSize(fyne.NewSquareSize(32))
	r.title.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.state.Truncation = fyne.TextTruncateEllipsis
	tight := accountTightVBox()
	texts := container.New(tight, r.title, r.state)
	right := container.New(tight, r.since, container.NewHBox(layout.NewSpacer(), r.badge))
	r.indent = canvas.NewRectangle(color.Transparent)
	r.indent.(*canvas.Rectangle).SetMinSize(fyne.NewSize(24, 0))
	r.indent.Hide()
	r.box = container.NewBorder(nil, nil, container.NewHBox(r.indent, container.NewCenter(r.icon)), right, texts)
	r.ExtendBaseWidget(r)
	return r
}

func (r *accountRow) set(w *accountsWindow, a inbox.Account) {
	st := accountStateOf(w.u.tr, a, w.u.svc.Now())
	r.icon.Resource = assets.ChannelIcon(string(a.Network))
	r.icon.Translucency = 0
	r.icon.SetMinSize(fyne.NewSquareSize(32))
	r.indent.Hide()
	r.title.Importance = widget.MediumImportance
	if a.Disabled {
		r.icon.Translucency = 0.6
		r.title.Importance = widget.LowImportance
	}
	r.title.SetText(accountTitle(w.u.tr, a))
	line := accountNetwork(w.u.tr, a.Network) + " · " + st.word
	if a.Health.Broken() && !a.Disabled {
		line = accountNetwork(w.u.tr, a.Network) + " · " + st.reason
	}
	r.state.Importance = st.importance
	r.state.SetText(line)
	r.since.Segments[0].(*widget.TextSegment).Text = st.since
	r.badge.setReason("")
	if a.Health.Broken() && !a.Disabled {
		r.badge.setReason(st.reason)
	}
	// The texts' widths changed: lay the row out again, not only redraw it.
	r.box.Refresh()
}

func (r *accountRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// accountTitle is what the window calls an account: its title, else its network.
func accountTitle(tr *i18n.Translator, a inbox.Account) string {
	if a.Title != "" {
		return a.Title
	}
	return tr.T("network." + string(a.Network))
}

// accountWrapped is a label that wraps at word boundaries.
func accountWrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// accountCaption is a small muted wrapped text: hints and explanations. It is built
// from a plain text segment (never Markdown), in the placeholder colour, which stays
// readable where a disabled grey would not.
func accountCaption(text string) *widget.RichText {
	rt := accountMuted(text, theme.SizeNameCaptionText)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// accountMuted is a line of secondary text in the placeholder colour.
func accountMuted(text string, size fyne.ThemeSizeName) *widget.RichText {
	return widget.NewRichText(&widget.TextSegment{Text: text,
		Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, SizeName: size, Inline: true}})
}

// accountSetMuted changes a muted text, hiding it when there is none.
func accountSetMuted(rt *widget.RichText, text string) {
	rt.Segments[0].(*widget.TextSegment).Text = text
	rt.Refresh()
	if text == "" {
		rt.Hide()
	} else {
		rt.Show()
	}
}
