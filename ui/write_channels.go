package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// channelList shows the available channels as a choice, most recent first (as the
// Service orders them), and under it the unavailable ones greyed, each with why: the
// administrator learns it before typing, never from an error after sending.
func (w *writeWindow) channelList() fyne.CanvasObject {
	w.byName = map[string]int{}
	var names []string
	off := container.NewVBox()
	for i, o := range w.opts {
		name := w.optionName(o)
		if !o.Available {
			r := widget.NewRadioGroup([]string{name}, nil)
			r.Disable()
			why := wrappedLabel(w.u.tr.T(o.Reason, o.ReasonArgs))
			why.Importance = widget.LowImportance
			off.Add(container.NewVBox(r, why))
			continue
		}
		w.byName[name] = i
		names = append(names, name)
	}
	w.pick = widget.NewRadioGroup(names, func(s string) {
		if i, ok := w.byName[s]; ok {
			w.choose(i)
		}
	})
	w.pick.Required = true
	if len(names) == 0 {
		none := wrappedLabel(w.u.tr.T("write.no_channel"))
		none.Importance = widget.WarningImportance
		return container.NewVBox(none, off)
	}
	return container.NewVBox(w.pick, off)
}

// optionName is "WhatsApp · +7 900 … — переписка от 20.11" or "— новый диалог".
func (w *writeWindow) optionName(o inbox.ChannelOption) string {
	args := map[string]any{"Network": w.u.networkName(o.Network), "Account": o.AccountTitle}
	switch {
	case o.Chat != 0:
		if c, ok := w.u.connectionOf(inbox.Chat{Account: o.Account, Via: o.Via}); ok {
			args["Account"] = w.u.connectionName(c) // the salon's own account, as the client sees it
		}
		args["When"] = w.u.clientDateTime(o.LastActivity)
		return w.u.tr.T("write.option.chat", args)
	case o.Phone != "":
		args["Phone"] = inbox.FormatPhone(o.Phone)
		return w.u.tr.T("write.option.new_phone", args)
	}
	return w.u.tr.T("write.option.new", args)
}

func (w *writeWindow) firstAvailable() int {
	for i, o := range w.opts {
		if o.Available {
			return i
		}
	}
	return -1
}

// choose points the composer at a channel; with none, the composer stays disabled.
func (w *writeWindow) choose(i int) {
	w.chosen = i
	if i < 0 {
		for _, b := range w.comp.buttons {
			setEnabled(b, false)
		}
		return
	}
	o := w.opts[i]
	if name := w.optionName(o); w.pick.Selected != name {
		w.pick.SetSelected(name) // calls back here once, with the same i
	}
	w.d.row = inbox.DialogRow{Chat: inbox.Chat{ID: o.Chat, Account: o.Account, Network: o.Network}}
	w.comp.refreshState()
	w.setNote(o)
}

// setNote says what happens on a new WhatsApp conversation: the number is checked
// first when the account's connector can, and otherwise the note says plainly that it
// cannot be checked.
func (w *writeWindow) setNote(o inbox.ChannelOption) {
	text := ""
	if _, ok := w.checker(o); ok {
		text = w.u.tr.T("channel.wa_check_number")
	} else if o.Chat == 0 && o.Network == inbox.WhatsApp {
		text = w.u.tr.T("write.note.wa_unchecked", map[string]any{"Phone": inbox.FormatPhone(o.Phone)})
	}
	w.note.SetText(text)
	w.note.Hidden = text == ""
	w.note.Refresh()
}
