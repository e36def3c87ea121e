package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is AttachConsole's "the console of the process that started me".
const attachParentProcess = ^uint32(0)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachConsole lets the subcommands print to the console they were started from. The
// Windows build is a GUI-subsystem program (no console window flashes when the
// messenger starts from the Start menu), so Windows gives it no console: its standard
// streams are unset unless the caller redirected them. It attaches to the parent's
// console, if there is one, and reopens the unset streams on it; redirected ones (to a
// file, a pipe, NUL) are left alone. Started from Explorer there is no console and
// nothing changes.
func attachConsole() {
	if !unset(os.Stdin) && !unset(os.Stdout) && !unset(os.Stderr) {
		return
	}
	if r, _, _ := procAttachConsole.Call(uintptr(attachParentProcess)); r == 0 {
		return
	}
	if unset(os.Stdout) {
		os.Stdout = openConsole("CONOUT$", os.Stdout)
	}
	if unset(os.Stderr) {
		os.Stderr = openConsole("CONOUT$", os.Stderr)
	}
	if unset(os.Stdin) {
		os.Stdin = openConsole("CONIN$", os.Stdin)
	}
}

// unset reports whether a standard stream leads nowhere: its handle is null or invalid,
// as in a GUI program its parent did not redirect.
func unset(f *os.File) bool {
	if f == nil {
		return true
	}
	t, err := windows.GetFileType(windows.Handle(f.Fd()))
	return err != nil || t == windows.FILE_TYPE_UNKNOWN
}

// openConsole opens the console's input or output. Read-write even for output: Go
// writes Unicode to a console (WriteConsoleW) only when GetConsoleMode works on the
// handle, which needs read access; a write-only handle gets UTF-8 bytes that the console
// shows in its OEM code page ("╤ü" for "с").
func openConsole(name string, old *os.File) *os.File {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return old
	}
	return f
}
