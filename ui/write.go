package ui

import "salonchat/inbox"

// writeTarget is who "Написать" writes to: a client (from the card) or a lead.
type writeTarget struct {
	Client inbox.ClientID
	Lead   inbox.LeadID
}

// showWrite opens the composer that writes to a client or a lead outside the messenger,
// with the choice of channel. (Skeleton: being built.)
func (u *UI) showWrite(to writeTarget) {}
