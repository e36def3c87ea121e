package textsplit

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	cases := []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"fits", "Добрый день!", 20, []string{"Добрый день!"}},
		{"empty", "  \n ", 10, nil},
		{"paragraph", "Первый абзац.\n\nВторой абзац.", 20, []string{"Первый абзац.", "Второй абзац."}},
		{"line", "строка один\nстрока два", 15, []string{"строка один", "строка два"}},
		{"word", "раз два три четыре", 9, []string{"раз два", "три", "четыре"}},
		{"no space", "абвгдеёжзи", 4, []string{"абвг", "деёж", "зи"}},
		{"limit on a space", "aaaa bbbb", 4, []string{"aaaa", "bbbb"}},
		{"early paragraph ignored", "a\n\nbbbbbbbb cccc", 12, []string{"a\n\nbbbbbbbb", "cccc"}},
		{"emoji count twice", "😀😀😀", 4, []string{"😀😀", "😀"}},
	}
	for _, c := range cases {
		got := Split(c.in, c.max)
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", c.want) {
			t.Errorf("%s: Split(%q, %d) = %q; want %q", c.name, c.in, c.max, got, c.want)
		}
	}
}

func TestLen(t *testing.T) {
	cases := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"привет", 6},
		{"😀", 2},
		{"a😀b", 4},
	}
	for _, c := range cases {
		if got := Len(c.in); got != c.want {
			t.Errorf("Len(%q) = %d; want %d", c.in, got, c.want)
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"Первый абзац.\n\nВторой абзац.", "раз два три", "😀😀😀 x", "a\n\nb\nc d"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 2 || max > 5000 || !utf8.ValidString(s) {
			t.Skip()
		}
		parts := Split(s, max)
		var got, want strings.Builder
		for _, p := range parts {
			if Len(p) > max {
				t.Fatalf("part %q longer than %d", p, max)
			}
			if strings.TrimSpace(p) != p || p == "" {
				t.Fatalf("part %q has surrounding whitespace or is empty", p)
			}
			got.WriteString(strings.Map(dropSpace, p))
		}
		want.WriteString(strings.Map(dropSpace, s))
		if got.String() != want.String() {
			t.Fatalf("parts %q lose or add text of %q", parts, s)
		}
	})
}

func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}
