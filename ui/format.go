package ui

import (
	"strconv"
	"time"
)

func itoa(n int) string { return strconv.Itoa(n) }

// localTime shows a stored UTC time in the computer's time zone.
func localTime(t time.Time) time.Time { return t.In(time.Local) }
