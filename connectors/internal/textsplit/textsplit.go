// Package textsplit measures and cuts message text the way Telegram and VK count it: in
// UTF-16 code units, so an emoji outside the Basic Multilingual Plane counts twice. VK
// documents its limit in "characters" without saying which; counting the larger way
// keeps every part under it.
package textsplit

import (
	"strings"
	"unicode"
)

// Len is a text's length in UTF-16 code units.
func Len(s string) int {
	n := 0
	for _, r := range s {
		n += runeLen(r)
	}
	return n
}

func runeLen(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// Split cuts a text into parts of at most max units (see Len), at a paragraph break if
// there is one in the second half of the part, else at a line break, else at a space,
// else wherever the limit falls. Parts carry no leading or trailing whitespace; empty
// parts are dropped.
func Split(s string, max int) []string {
	var parts []string
	rest := []rune(strings.TrimSpace(s))
	for len(rest) > 0 {
		end, n := 0, 0
		for end < len(rest) && n+runeLen(rest[end]) <= max {
			n += runeLen(rest[end])
			end++
		}
		if end == 0 {
			end = 1 // max below one character: still make progress
		}
		cut := end
		if end < len(rest) {
			cut = breakAt(rest, end)
		}
		if part := strings.TrimSpace(string(rest[:cut])); part != "" {
			parts = append(parts, part)
		}
		rest = []rune(strings.TrimLeftFunc(string(rest[cut:]), unicode.IsSpace))
	}
	return parts
}

// breakAt picks where to end a part when only rest[:end] fits: at the last paragraph
// break in the second half of it, else the last line break there, else the last space,
// else at end. A separator right at end (the first rune that did not fit) counts: it is
// dropped with the surrounding whitespace.
func breakAt(rest []rune, end int) int {
	window := rest[:end+1]
	half := end / 2
	for _, sep := range []string{"\n\n", "\n"} {
		if i := lastIndex(window, sep); i >= half && i <= end {
			return i
		}
	}
	for i := end; i > 0; i-- {
		if unicode.IsSpace(rest[i]) {
			return i
		}
	}
	return end
}

// lastIndex is strings.LastIndex over runes, in runes.
func lastIndex(rs []rune, sep string) int {
	sr := []rune(sep)
	for i := len(rs) - len(sr); i >= 0; i-- {
		if string(rs[i:i+len(sr)]) == sep {
			return i
		}
	}
	return -1
}
