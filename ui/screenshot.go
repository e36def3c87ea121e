package ui

import (
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"salonchat/i18n"
	"salonchat/inbox"
)

// Screenshot draws the messenger window as an administrator would see it, without a
// screen: the window is built in Fyne's software driver over svc, sized to size, with the
// first active operator working and dialog open (0: the newest unanswered dialog, else
// the newest open one). It serves documentation, bug reports and layout checks on
// machines without a display.
//
// Taking a picture changes nothing: the live updates are not started and the dialog is
// not marked read. Screenshot replaces Fyne's current app, so it is not for use inside a
// running window.
func Screenshot(svc *inbox.Service, tr *i18n.Translator, opts Options, size fyne.Size, what Shot) (image.Image, error) {
	// Fyne warns when its calls come from the program's main goroutine (with a real
	// driver they would deadlock there); the software driver is happy on any other one.
	type result struct {
		img image.Image
		err error
	}
	done := make(chan result)
	go func() {
		img, err := screenshot(svc, tr, opts, size, what)
		done <- result{img, err}
	}()
	r := <-done
	return r.img, r.err
}

// Shot says what Screenshot draws: the messenger with a dialog open (the newest
// unanswered one when Dialog is 0), a client's card, or the messenger with a lead's card.
type Shot struct {
	Dialog inbox.DialogID
	Client inbox.ClientID
	Lead   inbox.LeadID
}

func screenshot(svc *inbox.Service, tr *i18n.Translator, opts Options, size fyne.Size, what Shot) (image.Image, error) {
	a := test.NewApp()
	a.Settings().SetTheme(theme.LightTheme())
	u, err := New(a, svc, tr, opts)
	if err != nil {
		return nil, err
	}
	if err := u.screenshotOperator(); err != nil {
		return nil, err
	}
	switch {
	case what.Client != 0:
		return u.clientShot(what.Client)
	case what.Lead != 0:
		u.win.Resize(size)
		if _, err := svc.Lead(what.Lead); err != nil {
			return nil, err
		}
		u.openLeadCard(what.Lead)
		return u.win.Canvas().Capture(), nil
	}
	dialog := what.Dialog
	if dialog == 0 {
		if dialog, err = newestDialog(svc, u.me.ID); err != nil {
			return nil, err
		}
	}
	u.win.Resize(size)
	if dialog != 0 {
		row, err := svc.Row(dialog)
		if err != nil {
			return nil, err
		}
		// What openDialog does, minus MarkRead: a picture must not change the data.
		u.chats.selectDialog(dialog)
		u.dialog.show(row)
		u.client.show(row.Chat.ID)
	}
	return u.win.Canvas().Capture(), nil
}

// clientShot draws a client's card window at its own size.
func (u *UI) clientShot(id inbox.ClientID) (image.Image, error) {
	if _, err := u.svc.ClientDetails(id); err != nil {
		return nil, err
	}
	u.client.openCard(id)
	c := u.client.cards[id]
	if c == nil {
		return nil, fmt.Errorf("client card %d did not open", id)
	}
	return c.win.Canvas().Capture(), nil
}

// screenshotOperator makes the first active operator the one working, as if they had
// picked themselves at start-up.
func (u *UI) screenshotOperator() error {
	ops, err := u.svc.Operators()
	if err != nil {
		return err
	}
	for _, op := range ops {
		if op.Active {
			u.setOperator(op)
			return nil
		}
	}
	return nil
}

// newestDialog is the dialog the chat list shows first: the newest of Все × Без ответа,
// else of Все × Открытые, else none.
func newestDialog(svc *inbox.Service, me inbox.OperatorID) (inbox.DialogID, error) {
	for _, st := range []inbox.StatusFilter{inbox.StatusUnanswered, inbox.StatusOpen} {
		rows, _, err := svc.Dialogs(inbox.Filter{Owner: inbox.OwnerAll, Status: st, Me: me}, inbox.ListCursor{}, 1)
		if err != nil {
			return 0, err
		}
		if len(rows) > 0 {
			return rows[0].Dialog.ID, nil
		}
	}
	return 0, nil
}
