package ui

import (
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"
	"golang.org/x/sys/windows"
)

// openPath opens a file in the program Windows uses for it (ShellExecute "open", as a
// double click in Explorer does). Fyne's OpenURL would run rundll32 with a file:// URL,
// waiting for it and mangling some names; ShellExecute takes the path itself as UTF-16,
// so Cyrillic and spaces pass as they are. It blocks until the program is started: call
// it off the UI goroutine.
func openPath(_ fyne.App, path string) error {
	// Shell extensions behind ShellExecute are COM objects: the calling thread needs COM,
	// and a goroutine must stay on the thread it initialised.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := windows.CoInitializeEx(0, windows.COINIT_APARTMENTTHREADED|windows.COINIT_DISABLE_OLE1DDE); err == nil {
		defer windows.CoUninitialize()
	}
	verb, err := windows.UTF16PtrFromString("open")
	if err != nil {
		return err
	}
	file, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	dir, err := windows.UTF16PtrFromString(filepath.Dir(path))
	if err != nil {
		return err
	}
	return windows.ShellExecute(0, verb, file, nil, dir, windows.SW_SHOWNORMAL)
}
