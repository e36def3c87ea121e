package inbox

// OwnerFilter is the top row of the chat list: Все / Мои / Не назначены.
type OwnerFilter int

const (
	OwnerAll OwnerFilter = iota
	OwnerMine
	OwnerUnassigned
)

// StatusFilter is the bottom row: Без ответа / Открытые / Отложенные / Закрытые.
type StatusFilter int

const (
	StatusUnanswered StatusFilter = iota
	StatusOpen
	StatusPostponed
	StatusClosed
)

// Owners and Statuses list the tabs in display order.
var (
	Owners   = []OwnerFilter{OwnerAll, OwnerMine, OwnerUnassigned}
	Statuses = []StatusFilter{StatusUnanswered, StatusOpen, StatusPostponed, StatusClosed}
)

// Classes returns the dialog classes a status tab shows.
func (s StatusFilter) Classes() []Class {
	switch s {
	case StatusUnanswered:
		return []Class{ClassOpenAwaiting, ClassPostponedAwaiting}
	case StatusOpen:
		return []Class{ClassOpenAwaiting, ClassOpenAnswered}
	case StatusPostponed:
		return []Class{ClassPostponedAwaiting, ClassPostponedAnswered}
	}
	return []Class{ClassClosed}
}

// Filter is one combination of the two rows. Me is the operator "Мои" means.
type Filter struct {
	Owner  OwnerFilter
	Status StatusFilter
	Me     OperatorID
}

// Owner returns the index owner a filter reads: an operator, 0 for unassigned, or
// AllOwners. Mine without an operator reads nothing.
func (f Filter) OwnerKey() uint64 {
	switch f.Owner {
	case OwnerMine:
		return uint64(f.Me)
	case OwnerUnassigned:
		return 0
	}
	return AllOwners
}

// AllOwners is the owner key under which every dialog is indexed for "Все".
const AllOwners = ^uint64(0)

// Counts holds the number of dialogs per class for one owner key.
type ClassCounts map[Class]int

// Tab returns the count a status tab shows.
func (c ClassCounts) Tab(s StatusFilter) int {
	n := 0
	for _, cl := range s.Classes() {
		n += c[cl]
	}
	return n
}

// Counts is every number the filter rows show, for one operator.
type Counts struct {
	All, Mine, Unassigned ClassCounts
}

// Of returns the class counts of an owner tab.
func (c Counts) Of(o OwnerFilter) ClassCounts {
	switch o {
	case OwnerMine:
		return c.Mine
	case OwnerUnassigned:
		return c.Unassigned
	}
	return c.All
}

// Owned reports whether the owner tab total (all statuses but closed) is what the top row
// shows: dialogs that are not closed.
func (c ClassCounts) Live() int {
	return c[ClassOpenAwaiting] + c[ClassOpenAnswered] + c[ClassPostponedAwaiting] + c[ClassPostponedAnswered]
}

// DialogRow is one row of the chat list: the dialog and its chat.
type DialogRow struct {
	Dialog Dialog
	Chat   Chat
}

// ListCursor marks where a page of the dialog list ended; the zero cursor starts at the
// newest. It is opaque to callers.
type ListCursor struct {
	At     int64 // LastActivity in UnixNano of the last row returned
	Dialog DialogID
}
