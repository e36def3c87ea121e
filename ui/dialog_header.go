package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// dialogHeader is the top of the centre: who the chat is with, through which account
// (with the "!" badge when that account's settings broke), the dialog's status, and the
// actions Закрыть, operator and postpone.
type dialogHeader struct {
	d        *dialogView
	title    *widget.Label
	account  *widget.RichText
	accSeg   *widget.TextSegment
	badge    *healthBadge
	status   *widget.Label
	hint     *widget.Label // the broken account's reason while the pointer is on "!"
	closeBtn *widget.Button
	operator *operatorSelect
	clock    *widget.Button
	box      fyne.CanvasObject
	// form is the last "until a date" form shown (tests fill it in).
	form *postponeForm
}

// operatorSelectWidth fits "Оператор не назначен" and most full names.
const operatorSelectWidth = 200

func newDialogHeader(d *dialogView) *dialogHeader {
	tr := d.u.tr
	h := &dialogHeader{d: d}
	h.title = widget.NewLabel("")
	h.title.TextStyle = fyne.TextStyle{Bold: true}
	h.title.Truncation = fyne.TextTruncateEllipsis
	h.accSeg = &widget.TextSegment{Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder,
		SizeName: theme.SizeNameCaptionText, Inline: true}}
	h.account = widget.NewRichText(h.accSeg)
	h.badge = newHealthBadge(h.explainHealth, h.hoverHealth)
	h.hint = widget.NewLabel("")
	h.hint.Importance = widget.DangerImportance
	h.hint.SizeName = theme.SizeNameCaptionText
	h.hint.Truncation = fyne.TextTruncateEllipsis
	h.hint.Hide()
	h.status = widget.NewLabel("")
	h.status.SizeName = theme.SizeNameCaptionText
	h.closeBtn = widget.NewButtonWithIcon(tr.T("dialog.close"), theme.ConfirmIcon(), h.onClose)
	h.operator = newOperatorSelect(d)
	h.clock = widget.NewButtonWithIcon(tr.T("dialog.postpone"), theme.HistoryIcon(), h.showPostponeMenu)
	actions := container.NewHBox(h.closeBtn, minWidth(h.operator.sel, operatorSelectWidth), h.clock)
	top := container.NewBorder(nil, nil, nil, actions, h.title)
	lead := widget.NewButtonWithIcon(tr.T("leads.from_dialog"), theme.ContentAddIcon(), d.leadFromDialog)
	lead.Importance = widget.LowImportance
	sub := container.NewBorder(nil, nil, container.NewHBox(h.account, h.badge), lead, container.NewStack(h.status, h.hint))
	h.box = container.NewVBox(top, sub, widget.NewSeparator())
	return h
}

func (h *dialogHeader) view() fyne.CanvasObject { return h.box }

// refresh shows the dialog now in d.row.
func (h *dialogHeader) refresh() {
	row := h.d.row
	acc := h.d.account()
	h.title.SetText(row.Chat.Title())
	h.accSeg.Text = h.d.accountLine()
	h.account.Refresh()
	if acc.Health.Broken() || h.d.u.businessProblem(row.Chat) != "" {
		h.badge.Show()
	} else {
		h.badge.Hide()
		h.hint.Hide()
		h.status.Show()
	}
	h.status.SetText(h.statusText(row.Dialog))
	h.status.Importance = widget.MediumImportance
	if row.Dialog.Status == inbox.DialogPostponed {
		h.status.Importance = widget.WarningImportance
	}
	h.status.Refresh()
	closed := row.Dialog.Status == inbox.DialogClosed
	setEnabled(h.closeBtn, !closed)
	setEnabled(h.clock, !closed)
	h.operator.refresh()
	h.box.Refresh() // texts changed length: lay the header out again
}

// refreshOperators re-reads the operators (one was added or renamed).
func (h *dialogHeader) refreshOperators() { h.operator.reload() }

// statusText is "Открыт", "Отложен до 21.11 10:30" or "Закрыт 20.11 12:00".
func (h *dialogHeader) statusText(dl inbox.Dialog) string {
	tr := h.d.u.tr
	switch dl.Status {
	case inbox.DialogPostponed:
		return tr.T("dialog.status.postponed", map[string]any{"Until": h.d.dateTime(dl.PostponedUntil)})
	case inbox.DialogClosed:
		return tr.T("dialog.status.closed", map[string]any{"At": h.d.dateTime(dl.Closed)})
	}
	return tr.T("dialog.status.open")
}

func (h *dialogHeader) onClose() {
	if err := h.d.u.svc.CloseDialog(h.d.u.me.ID, h.d.row.Dialog.ID); err != nil {
		h.d.u.showError(err)
	}
}

// setEnabled enables or disables a widget in one call.
func setEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// minWidth gives o at least width w, so that a selector does not shrink to a few letters.
func minWidth(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(w, 0))
	return container.NewStack(strut, o)
}
