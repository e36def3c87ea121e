package main

import (
	"io"
	"log"
	"log/slog"
	"os"
	"runtime"

	"salonchat/support"
)

// logToFile sends the log of a long-running command (the window, serve) to the data
// folder's rotating file, logs/salonchat.log, and to stderr as well when stderr goes
// somewhere: a Windows start from the Start menu has no stderr, and a salon's support
// needs the log of yesterday's trouble. Fyne's own messages (package log) go there too.
// The returned function closes the file and puts package log back.
func (e *env) logToFile(command string) (closeLog func()) {
	f, err := support.OpenLog(e.cfg.DataDir)
	if err != nil {
		e.log.Warn("log file not opened; logging to stderr only", "err", err)
		return func() {}
	}
	var w io.Writer = f
	if hasOutput(e.stderr) {
		w = io.MultiWriter(f, e.stderr)
	}
	e.log = slog.New(slog.NewTextHandler(w, nil))
	prevOut, prevFlags := log.Writer(), log.Flags()
	log.SetOutput(w)
	log.SetFlags(log.LstdFlags)
	v, _ := readVersion()
	e.log.Info("start", "command", command, "version", v.String(), "os", runtime.GOOS+"/"+runtime.GOARCH,
		"data", e.cfg.DataDir)
	return func() {
		e.log.Info("exit", "command", command)
		log.SetOutput(prevOut)
		log.SetFlags(prevFlags)
		f.Close()
	}
}

// hasOutput reports whether w leads somewhere: any writer that is not a file does (a
// test's buffer); a file does when it is open (a terminal, a pipe, a redirect), which the
// standard streams of a Windows GUI program started without a console are not.
func hasOutput(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return true
	}
	_, err := f.Stat()
	return err == nil
}
