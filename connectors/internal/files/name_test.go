package files

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSanitizeName(t *testing.T) {
	cases := []struct{ in, want string }{
		{"прайс.pdf", "прайс.pdf"},
		{"../../etc/passwd", "_.._etc_passwd"},
		{`C:\Windows\win.ini`, "C__Windows_win.ini"},
		{"a<b>c:d\"e|f?g*h.txt", "a_b_c_d_e_f_g_h.txt"},
		{"  .hidden. ", "hidden"},
		{"", "file"},
		{"...", "file"},
		{"CON", "_CON"},
		{"nul.txt", "_nul.txt"},
		{"con.txt", "_con.txt"},
		{"com1.jpg", "_com1.jpg"},
		{"console.log", "console.log"},
		{"фото\u202Egpj.exe", "фотоgpj.exe"},
		{"a\u202egpj.exe", "agpj.exe"},
		{"tab\there\n.txt", "tabhere.txt"},
		{"Направление ../../врача.pdf", "Направление .._.._врача.pdf"},
		{strings.Repeat("я", 100) + ".jpeg", strings.Repeat("я", 57) + ".jpeg"},
	}
	for _, c := range cases {
		if got := SanitizeName(c.in); got != c.want {
			t.Errorf("SanitizeName(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func FuzzSanitizeName(f *testing.F) {
	for _, s := range []string{"прайс.pdf", "../../x", "CON", "a\u202Eb", strings.Repeat("я", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := SanitizeName(s)
		if got == "" || len(got) > maxNameBytes || !utf8.ValidString(got) || strings.ContainsAny(got, `/\<>:"|?*`) ||
			got == "." || got == ".." || strings.HasPrefix(got, ".") || strings.HasSuffix(got, " ") || reservedName(strings.TrimSuffix(got, ".x")) {
			t.Fatalf("SanitizeName(%q) = %q", s, got)
		}
		for _, r := range got {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("SanitizeName(%q) = %q keeps %U", s, got, r)
			}
		}
	})
}
