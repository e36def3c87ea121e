//go:build !windows

package ui

import (
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
)

// openPath opens a file in the program the desktop uses for it (xdg-open on Linux, open
// on macOS, through Fyne's OpenURL). It may block: call it off the UI goroutine.
func openPath(a fyne.App, path string) error {
	return a.OpenURL(fileURL(path))
}

// fileURL is the file:// URL of an absolute path, every character that needs it escaped:
// a received file's name may hold spaces, Cyrillic, "#" or "%".
func fileURL(path string) *url.URL {
	return &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
}
