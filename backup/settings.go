package backup

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"salonchat/atomicfile"
)

// settingsFile holds the backup settings in the data folder (see the package doc for
// why not in the store).
const settingsFile = "backup-settings.json"

// Settings are the backup settings of a data folder.
type Settings struct {
	// ExtraDir is the folder every backup is also copied to; empty: none.
	ExtraDir string `json:"extra_dir,omitempty"`
}

// LoadSettings reads the settings of a data folder; a folder without them has the
// zero Settings.
func LoadSettings(dataDir string) (Settings, error) {
	var s Settings
	raw, err := os.ReadFile(filepath.Join(dataDir, settingsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err == nil {
		err = json.Unmarshal(raw, &s)
	}
	return s, err
}

// SaveSettings writes the settings of a data folder, whole or not at all.
func SaveSettings(dataDir string, s Settings) error {
	raw, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(dataDir, settingsFile), func(f *os.File) error {
		_, err := f.Write(append(raw, '\n'))
		return err
	})
}
