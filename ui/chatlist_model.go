package ui

import (
	"salonchat/inbox"
)

const (
	// pageSize is how many rows one read of a filter tab brings: about four screens.
	pageSize = 50
	// prefetch is how close to the end of the loaded rows the list may ask before the
	// next page is read, so that scrolling never shows a row that is still empty.
	prefetch = 10
	// searchLimit caps the results of one search; past it the operator is asked to type
	// more rather than scroll through half the salon.
	searchLimit = 200
)

// rowSource reads rows of the list: the pages of a filter tab, or one search.
type rowSource interface {
	// page returns up to n rows after the cursor and the cursor of the next page (zero:
	// no more).
	page(after inbox.ListCursor, n int) ([]inbox.DialogRow, inbox.ListCursor, error)
}

// tabSource pages through a filter tab, newest activity first.
type tabSource struct {
	svc    *inbox.Service
	filter inbox.Filter
}

func (s tabSource) page(after inbox.ListCursor, n int) ([]inbox.DialogRow, inbox.ListCursor, error) {
	return s.svc.Dialogs(s.filter, after, n)
}

// searchSource is one search: all its rows come in the first page.
type searchSource struct {
	svc   *inbox.Service
	query string
}

func (s searchSource) page(after inbox.ListCursor, _ int) ([]inbox.DialogRow, inbox.ListCursor, error) {
	if after != (inbox.ListCursor{}) {
		return nil, inbox.ListCursor{}, nil
	}
	rows, err := s.svc.Search(s.query, searchLimit)
	return rows, inbox.ListCursor{}, err
}

// dialogPages is what the list has loaded of its source. The list asks for rows by index
// and pages are read only as it scrolls, so a tab of 100 000 dialogs costs one page
// until someone scrolls; total (from the counters) gives the scrollbar its true length.
type dialogPages struct {
	src   rowSource
	rows  []inbox.DialogRow
	next  inbox.ListCursor
	done  bool
	total int
}

// reset starts over on src and reads its first n rows (at least a page).
func (p *dialogPages) reset(src rowSource, total, n int) error {
	*p = dialogPages{src: src, total: total}
	rows, next, err := src.page(inbox.ListCursor{}, max(n, pageSize))
	p.rows, p.next, p.done = rows, next, next == (inbox.ListCursor{})
	if p.done {
		// The counters and the list are read in two snapshots; when they disagree, the
		// rows read are the truth for the scrollbar.
		p.total = len(p.rows)
	}
	return err
}

// ensure reads pages until row i (plus the prefetch margin) is loaded or the source
// has no more.
func (p *dialogPages) ensure(i int) error {
	for !p.done && i+prefetch >= len(p.rows) {
		rows, next, err := p.src.page(p.next, pageSize)
		if err != nil {
			p.done = true
			return err
		}
		p.rows = append(p.rows, rows...)
		p.next, p.done = next, next == (inbox.ListCursor{}) || len(rows) == 0
	}
	if p.done {
		p.total = len(p.rows)
	}
	return nil
}

// at returns row i if it is loaded.
func (p *dialogPages) at(i int) (inbox.DialogRow, bool) {
	if i < 0 || i >= len(p.rows) {
		return inbox.DialogRow{}, false
	}
	return p.rows[i], true
}
