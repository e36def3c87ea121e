package ui

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"github.com/kyokomi/emoji/v2"
	"golang.org/x/image/math/fixed"
)

// maxEmojiCode is the longest ":code:" looked for before the cursor.
const maxEmojiCode = 48

// emojizeBefore replaces a ":code:" that ends at rune offset end of text with its emoji.
// It returns the new text and where the cursor goes, or false when there is no known
// code there. Unlike emoji.Sprint it adds no space after the emoji.
func emojizeBefore(text []rune, end int) ([]rune, int, bool) {
	if end < 3 || end > len(text) || text[end-1] != ':' {
		return nil, 0, false
	}
	for i := end - 2; i >= 0 && end-i <= maxEmojiCode; i-- {
		switch r := text[i]; {
		case r == ':':
			e, ok := emoji.CodeMap()[string(text[i:end])]
			if !ok {
				return nil, 0, false
			}
			e = strings.TrimSpace(e)
			out := slices.Concat(text[:i], []rune(e), text[end:])
			return out, i + len([]rune(e)), true
		case unicode.IsSpace(r):
			return nil, 0, false
		}
	}
	return nil, 0, false
}

// emojiEntry is one emoji the picker offers, with the words it is found by.
type emojiEntry struct {
	char  string
	words string // its code names, lower case, "_" read as a space
}

// emojiCatalog is the emoji the bundled font can draw, built on first use (shaping
// three thousand candidates takes a noticeable moment).
type emojiCatalog struct {
	once sync.Once
	all  []emojiEntry
}

func (c *emojiCatalog) list() []emojiEntry {
	c.once.Do(func() { c.all = buildEmojiCatalog() })
	return c.all
}

// buildEmojiCatalog keeps the emoji that the bundled emoji font draws as one glyph:
// about a third of the library's emoji are newer than the font and would show as boxes,
// and sequences it cannot join would show as several pictures. Skin-tone variants are
// left out to keep the grid short.
func buildEmojiCatalog() []emojiEntry {
	face, err := font.ParseTTF(bytes.NewReader(theme.DefaultEmojiFont().Content()))
	if err != nil {
		return nil
	}
	var shaper shaping.HarfbuzzShaper
	var out []emojiEntry
	for char, codes := range emoji.RevCodeMap() {
		char = strings.TrimSpace(char)
		if hasSkinTone(char) || !drawsAsOneGlyph(&shaper, face, char) {
			continue
		}
		words := strings.NewReplacer(":", "", "_", " ").Replace(strings.ToLower(strings.Join(codes, " ")))
		out = append(out, emojiEntry{char: char, words: words})
	}
	slices.SortFunc(out, func(a, b emojiEntry) int {
		if ra, rb := emojiRank(a.char), emojiRank(b.char); ra != rb {
			return ra - rb
		}
		return strings.Compare(a.char, b.char)
	})
	return out
}

func drawsAsOneGlyph(s *shaping.HarfbuzzShaper, face *font.Face, char string) bool {
	rs := []rune(char)
	out := s.Shape(shaping.Input{Text: rs, RunEnd: len(rs), Direction: di.DirectionLTR, Face: face, Size: fixed.I(16)})
	return len(out.Glyphs) == 1 && out.Glyphs[0].GlyphID != 0
}

func hasSkinTone(char string) bool {
	return strings.ContainsFunc(char, func(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF })
}

// emojiRank orders the grid: faces first, then hearts and hands, then flowers and the
// rest — what a salon writes most comes first. The library has no categories.
func emojiRank(char string) int {
	r := []rune(char)[0]
	switch {
	case r >= 0x1F600 && r <= 0x1F64F, r >= 0x1F910 && r <= 0x1F92F, r >= 0x1F970 && r <= 0x1F97A:
		return 0
	case r == 0x2764, r >= 0x1F493 && r <= 0x1F49F, r >= 0x1F9E1 && r <= 0x1F9E1:
		return 1
	case r >= 0x1F44A && r <= 0x1F450, r >= 0x1F64C && r <= 0x1F64F, r == 0x270C, r == 0x1F91D:
		return 2
	case r >= 0x1F337 && r <= 0x1F33C, r == 0x1F490, r == 0x1F485, r == 0x1F484, r == 0x1F487, r == 0x2728:
		return 3
	}
	return 4
}

// matches reports whether every term of the query is part of the emoji's names (a term
// matches when any of its alternatives does).
func (e emojiEntry) matches(terms [][]string) bool {
	for _, alts := range terms {
		if !slices.ContainsFunc(alts, func(a string) bool { return strings.Contains(e.words, a) }) {
			return false
		}
	}
	return true
}
