package support

import (
	"archive/zip"
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"salonchat/inbox"
	"salonchat/storage"
)

// Store is what a report reads from the store (*storage.Store).
type Store interface {
	// View runs fn in a read-only snapshot.
	View(fn func(inbox.ReadTx) error) error
	// Stats counts the records; it blocks while it walks the file.
	Stats() (storage.Stats, error)
}

// Report is what a support report is made from.
type Report struct {
	App App
	// DataDir is the data folder; the logs are read from LogDir(DataDir).
	DataDir string
	Store   Store
	// Now dates the zip's entries; zero: the time of Write.
	Now time.Time
}

// FileName is the name a report made on day is offered under:
// SalonChat-report-2026-11-25.zip.
func (Report) FileName(day time.Time) string {
	return "SalonChat-report-" + day.Format("2006-01-02") + ".zip"
}

// account is one entry of accounts.json: what support may know about an account.
type account struct {
	ID       inbox.AccountID `json:"id"`
	Network  inbox.Network   `json:"network"`
	Title    string          `json:"title"`
	Disabled bool            `json:"disabled,omitempty"`
	Health   string          `json:"health"`
	Reason   string          `json:"reason,omitempty"`
	Since    time.Time       `json:"since,omitzero"`
}

// healthNames name the health states in accounts.json.
var healthNames = map[inbox.HealthState]string{
	inbox.HealthOK: "ok", inbox.HealthConnecting: "connecting", inbox.HealthError: "error",
}

// Write writes the report as a zip to w. Without a store (nil) it still writes the
// versions and the logs; a log that cannot be read is noted in its place.
func (r Report) Write(w io.Writer) error {
	if r.Now.IsZero() {
		r.Now = time.Now()
	}
	z := zip.NewWriter(w)
	var accounts []inbox.Account
	if r.Store != nil {
		if err := r.Store.View(func(tx inbox.ReadTx) (err error) { accounts, err = tx.Accounts(); return err }); err != nil {
			return fmt.Errorf("report: accounts: %w", err)
		}
		stats, err := r.Store.Stats()
		if err != nil {
			return fmt.Errorf("report: store statistics: %w", err)
		}
		if err := r.writeJSON(z, "accounts.json", describe(accounts)); err != nil {
			return err
		}
		if err := r.writeJSON(z, "store.json", stats); err != nil {
			return err
		}
	}
	if err := r.writeJSON(z, "versions.json", versions(r.App)); err != nil {
		return err
	}
	if err := r.writeLogs(z, secrets(accounts)); err != nil {
		return err
	}
	return z.Close()
}

func describe(accounts []inbox.Account) []account {
	out := make([]account, 0, len(accounts))
	for _, a := range accounts {
		out = append(out, account{ID: a.ID, Network: a.Network, Title: a.Title, Disabled: a.Disabled,
			Health: healthNames[a.Health.State], Reason: a.Health.Reason, Since: a.Health.Since})
	}
	return out
}

func (r Report) create(z *zip.Writer, name string) (io.Writer, error) {
	return z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: r.Now})
}

func (r Report) writeJSON(z *zip.Writer, name string, v any) error {
	f, err := r.create(z, name)
	if err != nil {
		return fmt.Errorf("report: %s: %w", name, err)
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("report: %s: %w", name, err)
	}
	return nil
}

// minSecret is the shortest setting value blacked out of the logs: shorter ones (a pace
// of "3" seconds, a group id) are not secrets and would black out half the log.
const minSecret = 8

// secrets are the setting values of every account that are long enough to be tokens,
// proxy passwords or linked numbers.
func secrets(accounts []inbox.Account) []string {
	var out []string
	for _, a := range accounts {
		for _, v := range a.Settings {
			if len(v) >= minSecret {
				out = append(out, v)
			}
		}
	}
	// Longest first, so that a token inside a longer value (a proxy URL) is not left
	// half-replaced.
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// writeLogs copies every log file into logs/, line by line, with secrets blacked out.
func (r Report) writeLogs(z *zip.Writer, secrets []string) error {
	files, err := filepath.Glob(filepath.Join(LogDir(r.DataDir), "salonchat*.log"))
	if err != nil {
		return err
	}
	pairs := make([]string, 0, 2*len(secrets))
	for _, s := range secrets {
		pairs = append(pairs, s, "[hidden]")
	}
	redact := strings.NewReplacer(pairs...)
	for _, path := range files {
		name := "logs/" + filepath.Base(path)
		f, err := r.create(z, name)
		if err != nil {
			return fmt.Errorf("report: %s: %w", name, err)
		}
		if err := copyLog(f, path, redact); err != nil {
			// The log may have been rotated away meanwhile; the report is still useful.
			fmt.Fprintf(f, "\n[not read: %v]\n", err)
		}
	}
	return nil
}

func copyLog(w io.Writer, path string, redact *strings.Replacer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rd := bufio.NewReader(f)
	for {
		line, err := rd.ReadString('\n')
		if _, werr := redact.WriteString(w, line); werr != nil {
			return werr
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
