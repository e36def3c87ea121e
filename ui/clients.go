package ui

// showClients opens Главное → Клиенты: every client, searchable by name and phone.
// (Skeleton: being built.)
func (u *UI) showClients() {}
