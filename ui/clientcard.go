package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// clientCard is the client's card in its own window: the client's fields (viewed or
// edited), the actions on the card (Написать, Объединить с…) and its sections — visits,
// tasks, leads, dialogs, chats and the history of changes. It follows changes made
// elsewhere while it is open.
type clientCard struct {
	u      *UI
	id     inbox.ClientID // zero for a new card not saved yet
	win    fyne.Window
	scroll *container.Scroll
	state  *sectionState
	watch  watched
	cd     inbox.ClientDetails
	// edit is the open edit form, nil in view mode; a reload leaves it alone so that an
	// event from another window does not wipe what the operator is typing.
	edit *cardEdit
	// Shown widgets, kept for the tests.
	editBtn, writeBtn, mergeBtn *widget.Button
	visitForm                   *visitForm
	taskForm                    *taskForm
	merge                       *mergeDialog
	// onSaved is told when the card was saved (the clients list reads itself again).
	onSaved func()
}

// openCard shows the client's card, bringing an already open one forward rather than
// opening a second window for the same client.
func (p *clientPanel) openCard(id inbox.ClientID) {
	if c := p.cards[id]; c != nil {
		c.win.Show()
		c.win.RequestFocus()
		return
	}
	cd, err := p.u.svc.ClientDetails(id)
	if err != nil {
		p.u.showError(err)
		return
	}
	c := p.newCard(cd.Client.DisplayName())
	c.id = id
	p.cards[id] = c
	c.show(cd)
	c.win.Show()
}

// openNewCard opens an empty card in edit mode; it joins the open cards once saved.
func (p *clientPanel) openNewCard() *clientCard {
	c := p.newCard(p.u.tr.T("card.new.title"))
	c.startEdit(inbox.Client{})
	c.win.Show()
	return c
}

func (p *clientPanel) newCard(title string) *clientCard {
	c := &clientCard{u: p.u, scroll: container.NewVScroll(container.NewVBox()), state: newSectionState()}
	c.win = p.u.app.NewWindow(title)
	c.win.SetContent(c.scroll)
	c.win.Resize(fyne.NewSize(760, 680))
	c.win.SetOnClosed(func() {
		if p.cards[c.id] == c {
			delete(p.cards, c.id)
		}
	})
	return c
}

// reload reads the client again after a change.
func (c *clientCard) reload() {
	if c.id == 0 || c.edit != nil {
		return
	}
	cd, err := c.u.svc.ClientDetails(c.id)
	if err != nil {
		c.u.log.Error("client card", "client", c.id, "err", err)
		return
	}
	c.show(cd)
}

// show builds the card in view mode.
func (c *clientCard) show(cd inbox.ClientDetails) {
	c.cd, c.edit, c.watch = cd, nil, watchOf(cd)
	c.win.SetTitle(cd.Client.DisplayName())
	info := c.u.newClientInfo(cd, c.u.dialog.current(), c.openDialog)
	top := container.NewVBox(c.title(cd.Client.DisplayName()))
	if cd.Client.MergedInto != 0 {
		top.Add(c.mergedBanner(cd.Client))
	} else {
		top.Add(c.actions())
	}
	top.Add(c.fields(info))
	c.visitForm, c.taskForm = c.newVisitForm(), c.newTaskForm()
	secs := []section{
		c.withAdd(info.counted(secVisits, len(cd.Visits), info.visits()), c.visitForm.view()),
		c.withAdd(info.counted(secTasks, len(cd.Tasks), c.tasks(info)), c.taskForm.view()),
		info.counted(secLeads, len(cd.Leads), info.leads()),
		info.counted(secDialogs, len(cd.Dialogs), info.dialogs()),
		{key: secChats, title: c.u.tr.T("card.section.chats", map[string]any{"Count": len(cd.Chats)}), count: len(cd.Chats), body: c.chats()},
		c.history(),
	}
	c.setContent(container.NewVBox(top, c.state.build(secs)))
}

func (c *clientCard) setContent(o fyne.CanvasObject) {
	c.scroll.Content = container.NewPadded(o)
	c.scroll.Refresh()
}

func (c *clientCard) title(name string) fyne.CanvasObject {
	l := widget.NewLabel(name)
	l.Wrapping, l.TextStyle, l.SizeName = fyne.TextWrapWord, fyne.TextStyle{Bold: true}, theme.SizeNameHeadingText
	return l
}

// actions are the card's buttons: edit, write to the client, merge a double into it.
func (c *clientCard) actions() fyne.CanvasObject {
	tr := c.u.tr
	c.editBtn = widget.NewButtonWithIcon(tr.T("card.action.edit"), theme.DocumentCreateIcon(), func() { c.startEdit(c.cd.Client) })
	c.writeBtn = widget.NewButtonWithIcon(tr.T("card.action.write"), theme.MailSendIcon(), func() {
		c.u.showWrite(writeTarget{Client: c.id})
	})
	c.mergeBtn = widget.NewButtonWithIcon(tr.T("card.action.merge"), theme.ContentCopyIcon(), c.askMerge)
	c.writeBtn.Importance = widget.HighImportance
	return container.NewHBox(c.writeBtn, c.editBtn, c.mergeBtn)
}

// mergedBanner explains a card that was merged into another and links to that one.
func (c *clientCard) mergedBanner(cl inbox.Client) fyne.CanvasObject {
	name := ""
	if kept, err := c.u.svc.ClientDetails(cl.MergedInto); err == nil {
		name = kept.Client.DisplayName()
	}
	link := widget.NewHyperlink(c.u.tr.T("card.merged.open", map[string]any{"Client": name}), nil)
	link.OnTapped = func() { c.u.client.openCard(cl.MergedInto) }
	return container.NewVBox(plainText(textLine{text: c.u.tr.T("card.merged.text", map[string]any{"Client": name}), color: theme.ColorNameWarning}), link)
}

// withAdd puts a section's "add" form under its list; a merged card takes no more.
func (c *clientCard) withAdd(s section, form fyne.CanvasObject) section {
	if c.cd.Client.MergedInto != 0 {
		return s
	}
	s.body = container.NewVBox(s.body, form)
	return s
}

// openDialog shows a dialog chosen in the card in the messenger window.
func (c *clientCard) openDialog(id inbox.DialogID) {
	c.u.openDialog(id)
	c.u.win.Show()
	c.u.win.RequestFocus()
}
