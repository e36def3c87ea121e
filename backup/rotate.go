package backup

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Rotation: how many of the latest days and ISO weeks keep their newest copy.
const (
	keepDaily  = 7
	keepWeekly = 4
)

const (
	namePrefix = "salonchat-"
	nameLayout = "20060102-150405"
	nameExt    = ".zip"
)

// Info is one backup file.
type Info struct {
	Path    string
	Name    string
	Created time.Time // from the name, in the scheduler's location
	Size    int64
}

// fileName is the name of a backup made at t (in loc).
func fileName(t time.Time, loc *time.Location) string {
	return namePrefix + t.In(loc).Format(nameLayout) + nameExt
}

// parseName reads the time out of a backup's name ("salonchat-20261125-030000.zip" or,
// for a second one in the same second, "salonchat-20261125-030000-2.zip").
func parseName(name string, loc *time.Location) (time.Time, bool) {
	s, ok := strings.CutPrefix(name, namePrefix)
	if !ok || !strings.HasSuffix(s, nameExt) {
		return time.Time{}, false
	}
	s = strings.TrimSuffix(s, nameExt)
	if len(s) > len(nameLayout) && s[len(nameLayout)] == '-' {
		s = s[:len(nameLayout)]
	}
	t, err := time.ParseInLocation(nameLayout, s, loc)
	return t, err == nil
}

// list returns the backups in dir, newest first; a missing dir has none.
func list(dir string, loc *time.Location) ([]Info, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Info
	for _, e := range entries {
		t, ok := parseName(e.Name(), loc)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		st, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, Info{Path: filepath.Join(dir, e.Name()), Name: e.Name(), Created: t, Size: st.Size()})
	}
	slices.SortFunc(out, func(a, b Info) int {
		if c := b.Created.Compare(a.Created); c != 0 {
			return c
		}
		return strings.Compare(b.Name, a.Name)
	})
	return out, nil
}

// kept picks the backups to keep from bs (newest first): every one made less than a
// day before the newest (so a copy made by hand does not replace this morning's one
// the same day), and the newest of each of the keepDaily latest days and of each of the
// keepWeekly latest ISO weeks.
func kept(bs []Info) map[string]bool {
	keep := map[string]bool{}
	for _, b := range bs {
		if bs[0].Created.Sub(b.Created) < 24*time.Hour {
			keep[b.Name] = true
		}
	}
	pick := func(n int, period func(time.Time) string) {
		seen := map[string]bool{}
		for _, b := range bs {
			p := period(b.Created)
			if seen[p] {
				continue
			}
			if len(seen) == n {
				return
			}
			seen[p] = true
			keep[b.Name] = true
		}
	}
	pick(keepDaily, func(t time.Time) string { return t.Format("2006-01-02") })
	pick(keepWeekly, func(t time.Time) string {
		y, w := t.ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, w)
	})
	return keep
}

// prune deletes the backups in dir that rotation does not keep and returns their
// names. Nothing but files named like a backup is touched.
func prune(dir string, loc *time.Location) (removed []string, err error) {
	bs, err := list(dir, loc)
	if err != nil {
		return nil, err
	}
	keep := kept(bs)
	var errs []error
	for _, b := range bs {
		if keep[b.Name] {
			continue
		}
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, b.Name)
	}
	return removed, errors.Join(errs...)
}
