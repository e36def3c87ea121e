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
	// Fields, when set, are every invalid field of a form, so that each message can be
	// shown next to its field; Key and Args are then those of the first one.
	Fields []FieldError
}

// FieldError is one invalid field of a form.
type FieldError struct {
	// Field names the form field (FieldName, FieldPhones, …).
	Field string
	// Index is the entry of a list field (which phone); 0 for other fields.
	Index int
	Key   string
	Args  map[string]any
}

func (e *Error) Error() string {
	msg := e.Key
	for _, f := range e.Fields[min(1, len(e.Fields)):] {
		msg += ", " + f.Key
	}
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", msg, e.Err)
	}
	return msg
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

// invalidFields makes one CodeInvalid Error of a form's field errors, or returns nil
// when there are none.
func invalidFields(fields []FieldError) error {
	if len(fields) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Key: fields[0].Key, Args: fields[0].Args, Fields: fields}
}

// FieldErrors returns the field errors err carries, or nil.
func FieldErrors(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
