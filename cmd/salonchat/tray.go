package main

import (
	"log/slog"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"salonchat/autostart"
	"salonchat/ui"
)

// trayFlag starts the window hidden in the tray; the autostart entry passes it.
const trayFlag = "tray"

// systemTray is the app's tray when this desktop shows one, else nil: a window hidden
// with no tray icon to bring it back would leave SalonChat running out of reach (and
// holding its data folder, so a second start would fail).
func systemTray(a fyne.App, log *slog.Logger) ui.Tray {
	d, ok := a.(desktop.App)
	if !ok || !trayHostRunning() {
		log.Info("no system tray: closing the window quits")
		return nil
	}
	return d
}

// autostartEntry starts this program at login with --tray, and with --data when the
// folder is not the default one; nil when the program's path is unknown.
func autostartEntry(e *env) ui.Autostart {
	exe, err := os.Executable()
	if err != nil {
		e.log.Warn("autostart: program path", "err", err)
		return nil
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	args := []string{"--" + trayFlag}
	if filepath.Clean(e.cfg.DataDir) != filepath.Clean(DefaultConfig().DataDir) {
		args = append(args, "--data", e.cfg.DataDir)
	}
	return autostart.Entry{Name: "SalonChat", Exec: exe, Args: args}
}
