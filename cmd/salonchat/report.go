package main

import (
	"fmt"
	"os"
	"time"

	"salonchat/support"
)

// runReport writes the support report (support.Report) of a data folder to --out, by
// default SalonChat-report-DATE.zip in the current folder: for when the window does not
// start, or from a script. A store that cannot be opened leaves out the accounts and
// statistics; the logs and versions still go.
func runReport(e *env, args []string) int {
	fs := e.flags("report")
	now := time.Now()
	out := fs.String("out", support.Report{}.FileName(now), e.tr.T("cli.flag.out_report"))
	if code, ok := e.parse(fs, args, false); !ok {
		return code
	}
	report, closeStore := e.report(now)
	defer closeStore()
	if err := writeFile(*out, report.Write); err != nil {
		return e.fail("report", err)
	}
	fmt.Fprintln(e.stderr, e.tr.T("report.written", map[string]any{"File": *out}))
	return exitOK
}

// report opens the store for a report; when it cannot, it says why and reports without.
func (e *env) report(now time.Time) (support.Report, func()) {
	r := support.Report{App: e.supportVersion(), DataDir: e.cfg.DataDir, Now: now}
	if _, err := os.Stat(e.cfg.StorePath()); err != nil {
		// No store here (a wrong --data?): do not create an empty one for a report.
		fmt.Fprintln(e.stderr, e.tr.T("report.no_store", map[string]any{"Err": err.Error()}))
		return r, func() {}
	}
	store, err := openStore(e.cfg)
	if err != nil {
		fmt.Fprintln(e.stderr, e.tr.T("report.no_store", map[string]any{"Err": e.tr.Err(err)}))
		return r, func() {}
	}
	r.Store = store
	return r, func() { store.Close() }
}

// supportVersion is the program's version as a report records it.
func (e *env) supportVersion() support.App {
	v, err := readVersion()
	if err != nil {
		e.log.Error("version", "err", err)
	}
	return support.App{Version: v.Version, Build: v.Build, Commit: v.Commit}
}
