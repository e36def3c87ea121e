package ui

// leadFromDialog is the header's "Создать заявку": one click makes a new lead of the
// dialog shown, the operator responsible, and opens its card to fill in what is wanted.
func (d *dialogView) leadFromDialog() {
	if d.row.Dialog.ID == 0 {
		return
	}
	l, err := d.u.svc.LeadFromDialog(d.u.me.ID, d.row.Dialog.ID)
	if err != nil {
		d.u.showError(err)
		return
	}
	d.u.openLeadCard(l.ID)
}
