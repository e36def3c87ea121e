package inbox

import "time"

// Clock tells the time. The Service reads time only through it, so tests can move time
// forward (inboxtest.Clock) to check postponements that expire.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock, in UTC.
type SystemClock struct{}

// Now returns the current time in UTC.
func (SystemClock) Now() time.Time { return time.Now().UTC() }
