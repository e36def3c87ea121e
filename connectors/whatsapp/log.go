package whatsapp

import (
	"context"
	"fmt"
	"log/slog"

	waLog "go.mau.fi/whatsmeow/util/log"
)

// waLogger passes whatsmeow's log to slog at INFO and above. whatsmeow's DEBUG lines
// are dropped on purpose: they carry QR codes (anyone holding one can link the number)
// and every network node.
type waLogger struct {
	log *slog.Logger
}

func newWALog(log *slog.Logger, module string) waLog.Logger {
	return &waLogger{log: log.With("module", "whatsmeow/"+module)}
}

func (l *waLogger) Errorf(msg string, args ...any) { l.out(slog.LevelError, msg, args) }
func (l *waLogger) Warnf(msg string, args ...any)  { l.out(slog.LevelWarn, msg, args) }
func (l *waLogger) Infof(msg string, args ...any)  { l.out(slog.LevelInfo, msg, args) }
func (l *waLogger) Debugf(string, ...any)          {}

func (l *waLogger) Sub(module string) waLog.Logger {
	return &waLogger{log: l.log.With("sub", module)}
}

func (l *waLogger) out(level slog.Level, msg string, args []any) {
	if l.log.Enabled(context.Background(), level) {
		l.log.Log(context.Background(), level, fmt.Sprintf(msg, args...))
	}
}
