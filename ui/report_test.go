package ui

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

// fakeReporter writes body, or fails with err after writing half of it.
type fakeReporter struct {
	body string
	err  error
}

func (r fakeReporter) FileName(day time.Time) string {
	return "SalonChat-report-" + day.Format("2006-01-02") + ".zip"
}

func (r fakeReporter) Write(w io.Writer) error {
	if r.err != nil {
		io.WriteString(w, r.body[:len(r.body)/2])
		return r.err
	}
	_, err := io.WriteString(w, r.body)
	return err
}

func helpMenu(u *UI) []string {
	menus := u.mainMenu().Items
	var labels []string
	for _, it := range menus[len(menus)-1].Items {
		labels = append(labels, it.Label)
	}
	return labels
}

func TestHelpMenu_SaveReport(t *testing.T) {
	f := newFixture(t)
	if got := helpMenu(f.ui); len(got) != 1 || got[0] != "О программе" {
		t.Errorf("Справка without a reporter = %q; want only О программе", got)
	}
	f.ui.opts.Report = fakeReporter{body: "zip"}
	if got := helpMenu(f.ui); len(got) != 2 || got[0] != "Сохранить отчёт для поддержки…" || got[1] != "О программе" {
		t.Errorf("Справка = %q; want Сохранить отчёт для поддержки…, О программе", got)
	}
}

// Справка → О программе shows the version the program was given (FyneApp.toml's).
func TestHelpMenu_About(t *testing.T) {
	f := newFixture(t)
	f.ui.opts.Version = "0.1.0 (1, 3f2a9c1)"
	menus := f.ui.mainMenu().Items
	help := menus[len(menus)-1].Items
	help[len(help)-1].Action()
	if top := f.ui.win.Canvas().Overlays().Top(); top == nil || !acctShows(top, "SalonChat 0.1.0 (1, 3f2a9c1)") {
		t.Errorf("О программе shows %q; want the version", overlayTexts(f.ui))
	}
}

func reportWriter(t *testing.T, path string) fyne.URIWriteCloser {
	t.Helper()
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestWriteReport(t *testing.T) {
	f := newFixture(t)
	path := filepath.Join(t.TempDir(), "SalonChat-report-2026-11-20.zip")
	f.ui.opts.Report = fakeReporter{body: "PK report"}
	f.ui.writeReport(reportWriter(t, path))
	if data, err := os.ReadFile(path); err != nil || string(data) != "PK report" {
		t.Errorf("saved report %q, %v; want the reporter's bytes", data, err)
	}
	if top := f.ui.win.Canvas().Overlays().Top(); top == nil || !acctShows(top, path) {
		t.Errorf("after saving: %q; want a message naming %s", overlayTexts(f.ui), path)
	}
}

// A report that fails half-way leaves no broken zip behind and says so in Russian.
func TestWriteReport_Failure(t *testing.T) {
	f := newFixture(t)
	path := filepath.Join(t.TempDir(), "report.zip")
	f.ui.opts.Report = fakeReporter{body: "PK half a report", err: errors.New("disk full")}
	f.ui.writeReport(reportWriter(t, path))
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("unfinished report left at %s: %v", path, err)
	}
	want := translator(t, "ru").T("report.failed")
	if top := f.ui.win.Canvas().Overlays().Top(); top == nil || !acctShows(top, want) {
		t.Errorf("after a failure: %q; want %q", overlayTexts(f.ui), want)
	}
}

func overlayTexts(u *UI) []string {
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		return acctTexts(top)
	}
	return nil
}
