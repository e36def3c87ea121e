package ui

// showLeads opens Главное → Заявки: the leads with status filters and counts.
// (Skeleton: being built.)
func (u *UI) showLeads() {}
