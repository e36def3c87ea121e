//go:build linux

package main

import "github.com/godbus/dbus/v5"

// trayHostRunning reports whether a StatusNotifierItem host (the tray of KDE, of
// GNOME's AppIndicator extension, of XFCE…) is on the session bus: Fyne's Linux tray
// is such an item and shows nowhere without one.
func trayHostRunning() bool {
	conn, err := dbus.ConnectSessionBus() // a private connection: the tray keeps the shared one
	if err != nil {
		return false
	}
	defer conn.Close()
	var has bool
	err = conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&has)
	return err == nil && has
}
