//go:build !windows

package ui

import (
	"net/url"
	"testing"
)

// A received file's name keeps its spaces, Cyrillic and marks on the way to xdg-open:
// the URL parses back to the same path (a "#" would otherwise start a fragment).
func TestFileURL(t *testing.T) {
	for _, path := range []string{
		"/home/анна/.config/SalonChat/files/12/Направление врача.pdf",
		"/tmp/прайс #2 (50%).jpg",
		"/tmp/what?.txt",
	} {
		raw := fileURL(path).String()
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != "file" || u.Path != path || u.Fragment != "" || u.RawQuery != "" {
			t.Errorf("fileURL(%q) = %q, parsed back to %+v, %v; want the path itself", path, raw, u, err)
		}
	}
}
