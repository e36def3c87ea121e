package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// clientCard is the client's card in its own window: every field of the client and the
// same sections as the panel. It is read-only for now; it follows changes made
// elsewhere while it is open.
type clientCard struct {
	u      *UI
	id     inbox.ClientID
	win    fyne.Window
	scroll *container.Scroll
	state  *sectionState
	watch  watched
}

// openCard shows the client's card, bringing an already open one forward rather than
// opening a second window for the same client.
func (p *clientPanel) openCard(id inbox.ClientID) {
	if c := p.cards[id]; c != nil {
		c.win.Show()
		c.win.RequestFocus()
		return
	}
	c := &clientCard{u: p.u, id: id, scroll: container.NewVScroll(container.NewVBox()), state: newSectionState()}
	cd, err := p.u.svc.ClientDetails(id)
	if err != nil {
		p.u.showError(err)
		return
	}
	c.win = p.u.app.NewWindow(cd.Client.DisplayName())
	c.show(cd)
	c.win.SetContent(c.scroll)
	c.win.Resize(fyne.NewSize(560, 680))
	c.win.SetOnClosed(func() { delete(p.cards, id) })
	p.cards[id] = c
	c.win.Show()
}

// reload reads the client again after a change.
func (c *clientCard) reload() {
	cd, err := c.u.svc.ClientDetails(c.id)
	if err != nil {
		c.u.log.Error("client card", "client", c.id, "err", err)
		return
	}
	c.show(cd)
}

func (c *clientCard) show(cd inbox.ClientDetails) {
	c.watch = watchOf(cd)
	c.win.SetTitle(cd.Client.DisplayName())
	info := c.u.newClientInfo(cd, c.u.dialog.current(), c.openDialog)
	name := widget.NewLabel(cd.Client.DisplayName())
	name.Wrapping, name.TextStyle, name.SizeName = fyne.TextWrapWord, fyne.TextStyle{Bold: true}, theme.SizeNameHeadingText
	c.scroll.Content = container.NewVBox(name, c.fields(info), c.state.build(info.sections(false)))
	c.scroll.Refresh()
}

// openDialog shows a dialog chosen in the card in the messenger window.
func (c *clientCard) openDialog(id inbox.DialogID) {
	c.u.openDialog(id)
	c.u.win.RequestFocus()
}

// fields lists every field of the client, "—" where it is not known.
func (c *clientCard) fields(info clientInfo) fyne.CanvasObject {
	tr, cl := c.u.tr, info.cd.Client
	var phones, chats []string
	for _, p := range cl.Phones {
		phones = append(phones, inbox.FormatPhone(p))
	}
	for _, ch := range info.cd.Chats {
		chats = append(chats, c.u.networkName(ch.Network)+": "+chatAddress(ch))
	}
	birthday, created := "", ""
	if !cl.Birthday.IsZero() {
		birthday = c.u.clientBirthday(cl.Birthday)
	}
	if !cl.Created.IsZero() {
		created = c.u.clientDate(cl.Created)
	}
	form := widget.NewForm()
	for _, f := range []struct{ key, value string }{
		{"client.field.name", cl.Name}, {"client.field.surname", cl.Surname},
		{"client.field.first_name", cl.FirstName}, {"client.field.patronymic", cl.Patronymic},
		{"client.field.phones", strings.Join(phones, "\n")}, {"client.field.email", cl.Email},
		{"client.field.birthday", birthday}, {"client.field.chats", strings.Join(chats, "\n")},
		{"client.field.notes", cl.Notes}, {"client.field.created", created},
	} {
		form.Append(tr.T(f.key), cardValue(f.value))
	}
	return form
}

// cardValue is a read-only field value that wraps; an unknown one is a quiet dash.
func cardValue(v string) fyne.CanvasObject {
	if v == "" {
		return plainText(muted("—"))
	}
	return plainText(textLine{text: v})
}
