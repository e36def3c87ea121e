package ui

import (
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// operatorSelect is the header's operator chooser: "Оператор не назначен" first, then
// the active operators. Choosing one assigns the dialog at once.
type operatorSelect struct {
	d   *dialogView
	sel *widget.Select
	all []inbox.Operator
	// shown are the operators behind the options after the first, in option order.
	shown []inbox.Operator
	// setting is true while the options are set from code, so that onChanged does not
	// take it for the operator's choice.
	setting bool
}

func newOperatorSelect(d *dialogView) *operatorSelect {
	o := &operatorSelect{d: d}
	o.sel = widget.NewSelect(nil, o.onChanged)
	o.reload()
	return o
}

// reload re-reads the operators and shows them.
func (o *operatorSelect) reload() {
	ops, err := o.d.u.svc.Operators()
	if err != nil {
		o.d.u.log.Error("operators", "err", err)
		return
	}
	o.all = ops
	o.refresh()
}

// refresh shows the options and the dialog's assignee. An operator who left stays in
// the list while a dialog is still theirs, so the selector never shows a wrong name.
func (o *operatorSelect) refresh() {
	assignee := o.d.row.Dialog.Assignee
	o.shown = o.shown[:0]
	opts := []string{o.d.u.tr.T("dialog.operator.none")}
	selected := 0
	for _, op := range o.all {
		if op.Active || op.ID == assignee {
			o.shown = append(o.shown, op)
			opts = append(opts, op.Name)
		}
		if op.ID == assignee && assignee != 0 {
			selected = len(opts) - 1
		}
	}
	o.setting = true
	defer func() { o.setting = false }()
	o.sel.SetOptions(opts)
	o.sel.SetSelectedIndex(selected)
}

func (o *operatorSelect) onChanged(string) {
	if o.setting || o.d.row.Dialog.ID == 0 {
		return
	}
	var target inbox.OperatorID
	if i := o.sel.SelectedIndex(); i > 0 {
		target = o.shown[i-1].ID
	}
	if err := o.d.u.svc.Assign(o.d.u.me.ID, o.d.row.Dialog.ID, target); err != nil {
		o.d.u.showError(err)
		o.refresh()
	}
}
