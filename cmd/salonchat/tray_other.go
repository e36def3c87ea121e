//go:build !linux

package main

// trayHostRunning is true: Windows and macOS always have a notification area.
func trayHostRunning() bool { return true }
