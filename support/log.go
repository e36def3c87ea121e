package support

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gopkg.in/natefinch/lumberjack.v2"
)

// LogDir is the folder of the log files inside a data folder.
func LogDir(dataDir string) string { return filepath.Join(dataDir, "logs") }

// logName is the current log file's name in LogDir; lumberjack names the rotated ones
// after it (salonchat-<time>.log).
const logName = "salonchat.log"

// Rotation: the current file and four older ones of 5 MB each, 25 MB at most on disk.
const (
	logMaxMB   = 5
	logBackups = 4
)

// OpenLog opens the rotating log file of a data folder, logs/salonchat.log, creating the
// folder (readable by this user only). Writes append; a write that would pass 5 MB
// renames the file aside first and the oldest beyond four are removed.
func OpenLog(dataDir string) (io.WriteCloser, error) {
	return openLog(dataDir, logMaxMB, logBackups)
}

func openLog(dataDir string, maxMB, backups int) (io.WriteCloser, error) {
	dir := LogDir(dataDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("log folder: %w", err)
	}
	return &lumberjack.Logger{Filename: filepath.Join(dir, logName), MaxSize: maxMB,
		MaxBackups: backups, LocalTime: true}, nil
}
