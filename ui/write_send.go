package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2/dialog"

	"salonchat/inbox"
)

// send queues the message in the chosen channel, starting the WhatsApp conversation
// first when there is no chat yet, then closes with a confirmation. The message shows in
// the messenger in that chat's dialog, taken by the sender.
func (w *writeWindow) send() {
	if w.chosen < 0 || w.comp.entry.Disabled() {
		return
	}
	if strings.TrimSpace(w.comp.entry.Text) == "" && len(w.comp.files) == 0 {
		w.comp.showWarning(w.u.tr.T("send.empty"))
		return
	}
	o := &w.opts[w.chosen]
	if c, ok := w.checker(*o); ok && w.checked != o.Phone {
		w.checkNumber(c, *o)
		return
	}
	if o.Chat == 0 && !w.startChat(o) {
		return
	}
	if !w.comp.trySend() {
		return
	}
	w.close()
	msg := w.u.tr.T("write.sent", map[string]any{"Who": w.who, "Channel": w.optionTitle(*o)})
	dialog.ShowInformation(w.u.tr.T("write.sent_title"), msg, w.u.win)
}

// checker is the number check for a new WhatsApp conversation, when its connector runs.
func (w *writeWindow) checker(o inbox.ChannelOption) (inbox.NumberChecker, bool) {
	if o.Chat != 0 || o.Network != inbox.WhatsApp || w.u.opts.NumberChecker == nil {
		return nil, false
	}
	return w.u.opts.NumberChecker(o.Account)
}

// checkNumber asks WhatsApp whether the number has an account, off the UI goroutine,
// and sends when it has; otherwise it says why nothing was sent. Writing first to a
// number without WhatsApp is what gets a salon's number banned.
func (w *writeWindow) checkNumber(c inbox.NumberChecker, o inbox.ChannelOption) {
	w.comp.showWarning(w.u.tr.T("write.checking", map[string]any{"Phone": inbox.FormatPhone(o.Phone)}))
	w.u.background(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), numberCheckWait)
		defer cancel()
		on, err := c.IsOnNetwork(ctx, o.Phone)
		return func() {
			switch {
			case err != nil:
				w.comp.sendFailed(err)
			case !on:
				w.comp.showWarning(w.u.tr.T("channel.wa_not_on_network", map[string]any{"Phone": inbox.FormatPhone(o.Phone)}))
			default:
				w.checked = o.Phone
				w.send()
			}
		}
	})
}

// numberCheckWait bounds the number check; WhatsApp answers in about a second.
const numberCheckWait = 30 * time.Second

// startChat makes the chat of a new WhatsApp conversation; a later send reuses it.
func (w *writeWindow) startChat(o *inbox.ChannelOption) bool {
	if w.u.me.ID == 0 {
		w.comp.showWarning(w.u.tr.T("composer.no_operator"))
		return false
	}
	if _, ok := inbox.UnfilledField(w.comp.entry.Text); ok {
		w.comp.checkFields(w.comp.entry.Text) // explained above the text; no chat for nothing
		return false
	}
	chat, err := w.u.svc.StartChat(w.u.me.ID, o.Account, w.to.Client, o.Phone)
	if err != nil {
		w.comp.sendFailed(err)
		return false
	}
	o.Chat = chat.ID
	w.d.row.Chat = chat
	return true
}

// optionTitle is "WhatsApp · +7 900 123-45-67".
func (w *writeWindow) optionTitle(o inbox.ChannelOption) string {
	return w.u.tr.T("write.channel_title", map[string]any{"Network": w.u.networkName(o.Network), "Account": o.AccountTitle})
}
