//go:build !linux && !windows

package support

// osVersion is unknown on systems other than Linux and Windows; versions.json still
// names the system (GOOS).
func osVersion() string { return "" }
