package backup

// Inspect reads the manifest of the backup at path after checking that it is one
// (a known format, a database, only names inside the data folder), without the whole
// check Restore makes: enough to tell an administrator which day a file they chose is
// a copy of, or that it is no copy at all, before anything is stopped.
func Inspect(path string) (Manifest, error) {
	a, err := openArchive(path)
	if err != nil {
		return Manifest{}, err
	}
	defer a.Close()
	return a.m, nil
}
