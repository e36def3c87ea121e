package files

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameBytes bounds a sanitised name (file systems allow 255 bytes; the id prefix
// and the folder need room too).
const maxNameBytes = 120

// SanitizeName makes a name from the network safe as one file name on Windows, macOS
// and Linux: no path separators, no characters Windows refuses, no control or
// direction-changing characters (which can disguise "exe.jpg"), no leading or trailing
// dots and spaces, no reserved device names, at most maxNameBytes bytes with the
// extension kept.
func SanitizeName(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			continue
		case strings.ContainsRune(`/\<>:"|?*`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.Trim(b.String(), " .")
	if s == "" {
		s = "file"
	}
	ext := path.Ext(s)
	if len(ext) > 16 || ext == s {
		ext = ""
	}
	stem := strings.TrimSuffix(s, ext)
	if reservedName(stem) {
		stem = "_" + stem
	}
	if len(stem)+len(ext) > maxNameBytes {
		stem = truncateUTF8(stem, maxNameBytes-len(ext))
	}
	return stem + ext
}

// reservedName reports the device names Windows will not open as files (CON, NUL,
// COM1, "nul.txt" too).
func reservedName(stem string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(stem), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		return base[3] >= '0' && base[3] <= '9'
	}
	return false
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	for len(s) > n {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}
