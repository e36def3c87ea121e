package ui

import "salonchat/inbox"

// showAccounts opens "Внешние системы", with the account focus selected when it is not 0.
// (Skeleton: being built.)
func (u *UI) showAccounts(focus inbox.AccountID) {}
