//go:build linux

package autostart

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// file is the entry's .desktop file under $XDG_CONFIG_HOME/autostart (by default
// ~/.config/autostart), where desktop sessions look for programs to start at login.
func file(e Entry) (string, error) {
	base := os.Getenv("XDG_CONFIG_HOME")
	if base == "" || !filepath.IsAbs(base) { // the spec says to ignore a relative path
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("autostart folder: %w", err)
		}
		base = filepath.Join(home, ".config")
	}
	return filepath.Join(base, "autostart", strings.ToLower(e.Name)+".desktop"), nil
}

func enable(e Entry) error {
	path, err := file(e)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("autostart folder: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(desktopFile(e)), 0o644); err != nil {
		return fmt.Errorf("write autostart entry: %w", err)
	}
	return os.Rename(tmp, path) // a session starting now never reads half a file
}

func disable(e Entry) error {
	path, err := file(e)
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove autostart entry: %w", err)
	}
	return nil
}

func enabled(e Entry) (bool, error) {
	path, err := file(e)
	if err != nil {
		return false, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read autostart entry: %w", err)
	}
	// A user may have switched it off in the desktop's own settings, which write
	// Hidden=true (or X-GNOME-Autostart-enabled=false) rather than remove the file.
	for _, line := range strings.Split(string(data), "\n") {
		switch strings.TrimSpace(line) {
		case "Hidden=true", "X-GNOME-Autostart-enabled=false":
			return false, nil
		}
	}
	return true, nil
}

// desktopFile is the entry as a Desktop Entry of type Application.
func desktopFile(e Entry) string {
	words := []string{quoteExec(e.Exec)}
	for _, a := range e.Args {
		words = append(words, quoteExec(a))
	}
	return "[Desktop Entry]\nType=Application\nName=" + e.Name + "\nExec=" + strings.Join(words, " ") +
		"\nTerminal=false\nX-GNOME-Autostart-enabled=true\n"
}

// quoteExec quotes one word of an Exec line as the Desktop Entry specification asks:
// words with reserved characters go in double quotes with ", `, $ and \ escaped, and a
// literal % is doubled (it starts field codes like %f).
func quoteExec(s string) string {
	s = strings.ReplaceAll(s, "%", "%%")
	if s != "" && !strings.ContainsAny(s, " \t\n\"'\\><~|&;$*?#()`=") {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "`", "\\`", `$`, `\$`)
	return `"` + r.Replace(s) + `"`
}
