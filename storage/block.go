package storage

import "strings"

// copyOut copies values out of bbolt's memory map into one string: one allocation for a
// whole page of records, and no clearing of fresh memory first (strings.Builder grows
// without zeroing). Each value's decoder then takes its strings as substrings of it
// (see dec.src), so a page of 50 messages costs one copy instead of a hundred. Fresh
// memory is what a read costs on these machines: page faults and GC, not decoding.
func copyOut(vals []kv) string {
	n := 0
	for _, p := range vals {
		n += len(p.v)
	}
	var sb strings.Builder
	sb.Grow(n)
	for _, p := range vals {
		sb.Write(p.v)
	}
	return sb.String()
}

// decoders returns a decoder for each value, reading the value in place and taking its
// strings from their copy in s (from copyOut).
func decoders(vals []kv, s string, each func(i int, d dec) error) error {
	off := 0
	for i, p := range vals {
		if err := each(i, dec{b: p.v, src: s[off : off+len(p.v)]}); err != nil {
			return err
		}
		off += len(p.v)
	}
	return nil
}

// kv is a key and value as a cursor returned them (valid until the tx ends).
type kv struct{ k, v []byte }
