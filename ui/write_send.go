package ui

import (
	"strings"

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
