// Package autostart starts SalonChat when the user logs in: on Windows a value under
// the current user's Run registry key, on Linux an XDG autostart .desktop file. Both
// are per user and need no administrator rights. Elsewhere Enable reports
// ErrUnsupported.
//
// The Windows Run key was chosen over a shortcut in the Startup folder: a shortcut is a
// binary .lnk file that needs COM (IShellLink) to write, while the Run key is one string
// value, written and removed with golang.org/x/sys/windows/registry.
package autostart

import "errors"

// ErrUnsupported is returned on systems where SalonChat cannot start itself at login.
var ErrUnsupported = errors.New("autostart is not supported on this system")

// Entry is one program to start at login.
type Entry struct {
	// Name names the entry (the registry value, the .desktop file); "SalonChat".
	Name string
	// Exec is the program's full path (os.Executable).
	Exec string
	// Args follow the program, e.g. "--tray" so that it comes up in the tray.
	Args []string
}

// Enable makes the entry start at login, replacing an older one of the same name
// (a program that moved gets its new path).
func (e Entry) Enable() error { return enable(e) }

// Disable stops the entry from starting at login; disabling one that is not there is
// not an error.
func (e Entry) Disable() error { return disable(e) }

// Enabled reports whether the entry starts at login now.
func (e Entry) Enabled() (bool, error) { return enabled(e) }
