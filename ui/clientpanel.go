package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// clientPanel is the right part: who the client is — name, contacts, visits, tasks,
// requests and every dialog across the client's messengers — or, for a chat without a
// client, the offer to create one or attach the chat to an existing one.
type clientPanel struct {
	u    *UI
	root *fyne.Container // holds the current view; replaced on every reload
	// scroll is kept across reloads so that a new message does not throw the operator
	// back to the top of a long visit list.
	scroll *container.Scroll
	chat   inbox.ChatID
	watch  watched
	state  *sectionState
	cards  map[inbox.ClientID]*clientCard

	// Shown widgets, kept for the tests.
	name   *widget.Hyperlink
	more   *widget.Button
	attach *attachDialog
}

func newClientPanel(u *UI) *clientPanel {
	p := &clientPanel{u: u, scroll: container.NewVScroll(container.NewVBox()), state: newSectionState(),
		cards: map[inbox.ClientID]*clientCard{}}
	p.root = container.NewStack(p.hint(u.tr.T("client.hint.no_dialog")))
	if old := u.client; old != nil {
		// The window is being rebuilt in another language: the open cards stay open,
		// follow this panel's events from now on and switch language too.
		p.cards = old.cards
		for _, c := range p.cards {
			c.reload()
		}
	}
	return p
}

func (p *clientPanel) view() fyne.CanvasObject { return p.root }

// show shows the client of a chat (or the offer to create or attach one).
func (p *clientPanel) show(chat inbox.ChatID) {
	if chat != p.chat {
		p.scroll.ScrollToTop()
	}
	p.chat = chat
	p.reload()
}

// update applies a burst of events: the panel and any open card reload when an event
// concerns what they show.
func (p *clientPanel) update(batch []inbox.Event, reload bool) {
	if reload || slices.ContainsFunc(batch, p.touches) {
		p.reload()
	}
	for _, c := range p.cards {
		if reload || slices.ContainsFunc(batch, c.watch.touches) {
			c.reload()
		}
	}
}

// touches reports whether an event changes what the panel shows: the chat itself (its
// client was set elsewhere), or the client, or any of the client's chats.
func (p *clientPanel) touches(ev inbox.Event) bool {
	if p.chat == 0 {
		return false
	}
	if (ev.Kind == inbox.EventChat || ev.Kind == inbox.EventDialog) && ev.Chat == p.chat {
		return true
	}
	return p.watch.touches(ev)
}

// reload reads the chat and its client again and rebuilds the panel.
func (p *clientPanel) reload() {
	p.root.Objects = []fyne.CanvasObject{p.build()}
	p.root.Refresh()
}

func (p *clientPanel) build() fyne.CanvasObject {
	p.watch, p.name, p.more = watched{}, nil, nil
	if p.chat == 0 {
		return p.hint(p.u.tr.T("client.hint.no_dialog"))
	}
	c, err := p.u.svc.Chat(p.chat)
	if err != nil {
		p.u.log.Error("client panel: chat", "chat", p.chat, "err", err)
		return p.hint(p.u.tr.Err(err))
	}
	if c.Client == 0 {
		return p.unknownView(c)
	}
	cd, err := p.u.svc.ClientDetails(c.Client)
	if err != nil {
		p.u.log.Error("client panel: client", "client", c.Client, "err", err)
		return p.hint(p.u.tr.Err(err))
	}
	return p.clientView(cd)
}

// clientView is the client's name (a link to the card) over the sections.
func (p *clientPanel) clientView(cd inbox.ClientDetails) fyne.CanvasObject {
	p.watch = watchOf(cd)
	info := p.u.newClientInfo(cd, p.u.dialog.current(), p.u.openDialog)
	// In a VBox the accordion keeps its own height; stretched to the scroll's, it would
	// share the spare space out as gaps under its open sections.
	p.scroll.Content = container.NewVBox(p.state.build(info.sections(true)))
	p.scroll.Refresh()
	return container.NewBorder(p.clientHeader(cd.Client), nil, nil, nil, p.scroll)
}

func (p *clientPanel) clientHeader(c inbox.Client) fyne.CanvasObject {
	tr := p.u.tr
	p.name = widget.NewHyperlink(c.DisplayName(), nil)
	p.name.Wrapping = fyne.TextWrapWord
	p.name.TextStyle = fyne.TextStyle{Bold: true}
	p.name.SizeName = nameSize(c.DisplayName())
	p.name.OnTapped = func() { p.openCard(c.ID) }
	p.more = p.menuButton(fyne.NewMenu("",
		fyne.NewMenuItem(tr.T("client.menu.open_card"), func() { p.openCard(c.ID) }),
		fyne.NewMenuItem(tr.T("client.menu.attach_other"), p.askAttach),
	))
	return container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(p.more), p.name), widget.NewSeparator())
}

// menuButton is the arrow in the panel's top right corner that pops up the chat's
// client actions, as in the original form.
func (p *clientPanel) menuButton(menu *fyne.Menu) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), func() {
		// Right-aligned under the arrow: the panel is the window's right edge.
		pm := widget.NewPopUpMenu(menu, p.u.win.Canvas())
		pm.ShowAtRelativePosition(fyne.NewPos(b.Size().Width-pm.MinSize().Width, b.Size().Height), b)
	})
	b.Importance = widget.LowImportance
	return b
}

// hint is the quiet text shown when there is nothing to show.
func (p *clientPanel) hint(text string) fyne.CanvasObject {
	return container.NewVBox(plainText(muted(text)))
}
