package ui

import "salonchat/inbox"

// systemText renders a system message: what happened, who did it, and when. The
// wording names the operator after a colon ("Диалог взят в работу: Анна Петрова") so that
// it never needs a gendered verb.
func (d *dialogView) systemText(m *inbox.Message) string {
	tr := d.u.tr
	ev := m.System
	if ev == nil {
		return tr.T("dialog.sys.other") + " · " + d.dateTime(m.At)
	}
	who := ev.OperatorName
	if who == "" {
		who = tr.T("dialog.sys.someone")
	}
	args := map[string]any{"Who": who, "Target": ev.TargetName, "Client": ev.ClientName}
	if !ev.Until.IsZero() {
		args["Until"] = d.dateTime(ev.Until)
	}
	key := "dialog.sys." + string(ev.Kind)
	switch {
	case ev.Kind == inbox.SysAssigned && ev.Target == 0:
		key = "dialog.sys.unassigned"
	case ev.Kind == inbox.SysAssigned && ev.Target == ev.Operator:
		key = "dialog.sys.taken"
	}
	text := tr.T(key, args)
	if text == key {
		text = tr.T("dialog.sys.other")
	}
	return text + " · " + d.dateTime(m.At)
}

// failureText says why a message was not sent; a reason without a text reads as "unknown"
// rather than as a key.
func (d *dialogView) failureText(dl *inbox.Delivery) string {
	if dl.Reason != "" {
		if text := d.u.tr.T(dl.Reason); text != dl.Reason {
			return text
		}
	}
	return d.u.tr.T("dialog.delivery.failed_unknown")
}

// operatorName is the name of the salon's author of a message; a message typed outside
// SalonChat (on the salon's phone, in VK's own interface) has none.
func (d *dialogView) operatorName(id inbox.OperatorID) string {
	for _, op := range d.header.operator.all {
		if op.ID == id && id != 0 {
			return op.Name
		}
	}
	return d.u.tr.T("dialog.author.outside")
}

// networkArgs names the network of the chat shown, for texts like "в Telegram, не из
// SalonChat" and "удалено в Telegram".
func (d *dialogView) networkArgs() map[string]any {
	return map[string]any{"Network": d.u.networkName(d.row.Chat.Network)}
}
