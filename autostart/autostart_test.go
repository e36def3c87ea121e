//go:build linux

package autostart

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEntry_EnableDisable(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	e := Entry{Name: "SalonChat", Exec: "/opt/Мой салон/salonchat", Args: []string{"--tray", "--data", "/home/вера/100% data"}}
	if on, err := e.Enabled(); err != nil || on {
		t.Fatalf("Enabled before Enable = %v, %v; want false", on, err)
	}
	if err := e.Enable(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(cfg, "autostart", "salonchat.desktop"))
	if err != nil {
		t.Fatalf("the .desktop file is not under XDG_CONFIG_HOME: %v", err)
	}
	want := `Exec="/opt/Мой салон/salonchat" --tray --data "/home/вера/100%% data"`
	if !strings.Contains(string(data), want+"\n") || !strings.HasPrefix(string(data), "[Desktop Entry]\nType=Application\n") {
		t.Errorf("desktop file:\n%s\nwant a Desktop Entry with %s", data, want)
	}
	if on, err := e.Enabled(); err != nil || !on {
		t.Errorf("Enabled after Enable = %v, %v; want true", on, err)
	}
	if err := e.Disable(); err != nil {
		t.Fatal(err)
	}
	if on, err := e.Enabled(); err != nil || on {
		t.Errorf("Enabled after Disable = %v, %v; want false", on, err)
	}
	if err := e.Disable(); err != nil {
		t.Errorf("second Disable = %v; want nil", err)
	}
}

func TestEntry_SwitchedOffInDesktopSettings(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	e := Entry{Name: "SalonChat", Exec: "/usr/bin/salonchat"}
	if err := e.Enable(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(cfg, "autostart", "salonchat.desktop")
	data, _ := os.ReadFile(path)
	if err := os.WriteFile(path, append(data, "Hidden=true\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if on, err := e.Enabled(); err != nil || on {
		t.Errorf("Enabled with Hidden=true = %v, %v; want false", on, err)
	}
}

func TestEntry_DefaultFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "relative/ignored")
	e := Entry{Name: "SalonChat", Exec: "/usr/bin/salonchat"}
	if err := e.Enable(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(home, ".config", "autostart", "salonchat.desktop")); err != nil {
		t.Errorf("without an absolute XDG_CONFIG_HOME the entry belongs in ~/.config/autostart: %v", err)
	}
}

func TestQuoteExec(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/usr/bin/salonchat", "/usr/bin/salonchat"},
		{"--tray", "--tray"},
		{"/a b", `"/a b"`},
		{`/a"b$c`, `"/a\"b\$c"`},
		{"50%", "50%%"},
		{"", `""`},
	} {
		if got := quoteExec(tc.in); got != tc.want {
			t.Errorf("quoteExec(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}
