package ui

import (
	"slices"
	"testing"
)

func TestEmojiCatalog_OnlyDrawable(t *testing.T) {
	var c emojiCatalog
	list := c.list()
	if len(list) < 500 {
		t.Fatalf("catalogue has %d emoji; the bundled font draws far more", len(list))
	}
	has := func(char string) bool {
		return slices.ContainsFunc(list, func(e emojiEntry) bool { return e.char == char })
	}
	for _, want := range []string{"😄", "💅", "🌸"} {
		if !has(want) {
			t.Errorf("catalogue lacks %s", want)
		}
	}
	// Newer than the bundled font (LIBRARIES.md): these would draw as boxes.
	for _, box := range []string{"🥹", "🫶"} {
		if has(box) {
			t.Errorf("catalogue offers %s, which the font cannot draw", box)
		}
	}
	for _, e := range list {
		if hasSkinTone(e.char) {
			t.Errorf("catalogue offers the skin-tone variant %s", e.char)
		}
	}
	if emojiRank(list[0].char) != 0 {
		t.Errorf("the grid starts with %s; want faces first", list[0].char)
	}
}

func TestEmojizeBefore(t *testing.T) {
	cases := []struct {
		text   string
		ok     bool
		want   string
		cursor int
	}{
		{"hi :smile:", true, "hi 😄", 4},
		{":+1:", true, "👍", 1},
		{"10:30:", false, "", 0},
		{"a :b c:", false, "", 0},
		{"::", false, "", 0},
	}
	for _, c := range cases {
		r := []rune(c.text)
		out, cur, ok := emojizeBefore(r, len(r))
		if ok != c.ok || (ok && (string(out) != c.want || cur != c.cursor)) {
			t.Errorf("emojizeBefore(%q) = %q, %d, %v; want %q, %d, %v", c.text, string(out), cur, ok, c.want, c.cursor, c.ok)
		}
	}
}

func TestEmojiSearch(t *testing.T) {
	var c emojiCatalog
	find := func(q string) []string {
		var out []string
		for _, e := range c.list() {
			if e.matches(emojiTerms(q)) {
				out = append(out, e.char)
			}
		}
		return out
	}
	cases := []struct{ query, want string }{
		{"smile", "😄"}, {"heart eyes", "😍"}, {"сердце", "❤️"}, {"цветок", "🌸"}, {"маникюр", "💅"},
	}
	for _, tc := range cases {
		if got := find(tc.query); !slices.Contains(got, tc.want) {
			t.Errorf("searching %q finds %q; want %s among them", tc.query, got, tc.want)
		}
	}
	if got := find("heart eyes"); slices.Contains(got, "💅") {
		t.Error("all words of the query must match")
	}
}
