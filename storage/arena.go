package storage

import "unsafe"

// arena copies values out of bbolt's memory map into blocks of its own, so that a page of
// records (a thread page, a list page) costs a few allocations instead of one per string:
// decoded strings point into the block. The block is never written again after a value is
// copied in, which is what makes the strings safe; it stays alive while any string of it
// is referenced.
type arena struct{ buf []byte }

// arenaBlock is small: fresh memory is what costs (page faults, GC), so a block should
// not be much bigger than what a page of records needs; reserve sizes it exactly.
const arenaBlock = 4 << 10

// reserve makes room for n more bytes in one block.
func (a *arena) reserve(n int) {
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]byte, 0, n)
	}
}

// copy returns a private copy of v.
func (a *arena) copy(v []byte) []byte {
	if cap(a.buf)-len(a.buf) < len(v) {
		a.buf = make([]byte, 0, max(arenaBlock, len(v)))
	}
	n := len(a.buf)
	a.buf = append(a.buf, v...)
	return a.buf[n:len(a.buf):len(a.buf)]
}

// dec reads a value copied by an arena; its strings share the arena's block.
func (a *arena) dec(v []byte) dec { return dec{b: a.copy(v), shared: true} }

// sharedString makes a string of b without copying; b must never change afterwards.
func sharedString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}
