package assets

import (
	_ "embed"
	"fmt"

	"github.com/BurntSushi/toml"
)

//go:embed FyneApp.toml
var fyneApp []byte

// App is what FyneApp.toml says about SalonChat: the one place its name, id and version
// are written (the Makefile reads the same file for `fyne package`).
type App struct {
	Name    string
	ID      string
	Version string
	Build   int
}

// ReadApp parses the bundled FyneApp.toml; it fails only if that file is broken, which
// TestReadApp catches before a release.
func ReadApp() (App, error) {
	var f struct{ Details App }
	if _, err := toml.Decode(string(fyneApp), &f); err != nil {
		return App{}, fmt.Errorf("FyneApp.toml: %w", err)
	}
	d := f.Details
	if d.Name == "" || d.ID == "" || d.Version == "" {
		return App{}, fmt.Errorf("FyneApp.toml: Name, ID and Version are required")
	}
	return d, nil
}
