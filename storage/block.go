package storage

import "strings"

// copyOut copies values out of bbolt's memory map into one string: one allocation for a
// whole page of records, and no clearing of fresh memory first (strings.Builder grows
// without zeroing). Each value's decoder then takes its strings as substrings of it
// (see dec.src), so a page of 50 messages costs one copy instead of a hundred. Fresh
// memory is what a read costs on these machines: page faults and GC, not decoding.
func copyOut(vals [][]byte) string {
	n := 0
	for _, v := range vals {
		n += len(v)
	}
	var sb strings.Builder
	sb.Grow(n)
	for _, v := range vals {
		sb.Write(v)
	}
	return sb.String()
}

// decoders returns a decoder for each value, reading the value in place and taking its
// strings from their copy in s (from copyOut).
func decoders(vals [][]byte, s string, each func(i int, d dec) error) error {
	off := 0
	for i, v := range vals {
		if err := each(i, dec{b: v, src: s[off : off+len(v)]}); err != nil {
			return err
		}
		off += len(v)
	}
	return nil
}
