package inbox

import (
	"errors"
	"fmt"
)

// Sentinel errors of the domain; check them with errors.Is.
var (
	// ErrNotFound: the record asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInUse: the data folder is held by another running SalonChat.
	ErrInUse = errors.New("data folder in use by another SalonChat")
)

// Code classifies an Error for its two audiences: the operator (a translated message) and
// the log (the wrapped chain).
type Code int

const (
	CodeInternal Code = iota
	CodeInvalid       // the input is wrong: fix it and try again
	CodeNotFound
	CodeConflict // the state does not allow it (e.g. the dialog is closed)
	CodeUnavailable
)

// Error is an error the UI can show: Key is a translation key (assets/translations), Args
// fill its template, Err is the cause for the log.
type Error struct {
	Code Code
	Key  string
	Args map[string]any
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Key, e.Err)
	}
	return e.Key
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an Error with a translation key and optional arguments.
func Errorf(code Code, key string, args map[string]any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// ErrorKey returns the translation key of err, or "error.internal" when err carries none.
func ErrorKey(err error) (key string, args map[string]any) {
	var e *Error
	if errors.As(err, &e) && e.Key != "" {
		return e.Key, e.Args
	}
	if errors.Is(err, ErrInUse) {
		return "error.in_use", nil
	}
	return "error.internal", nil
}
