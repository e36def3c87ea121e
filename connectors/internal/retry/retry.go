// Package retry paces a connector's attempts after failures: a wait that doubles from a
// least to a longest one, and a sleep that ends early with its context.
package retry

import (
	"context"
	"time"
)

// Backoff doubles a wait from Min to Max. The zero Backoff with Min and Max set starts at
// Min.
type Backoff struct {
	Min, Max time.Duration
	cur      time.Duration
}

// Next is the wait before the next attempt: Min the first time, then twice the last, at
// most Max.
func (b *Backoff) Next() time.Duration {
	switch {
	case b.cur == 0:
		b.cur = b.Min
	case b.cur < b.Max:
		b.cur = min(2*b.cur, b.Max)
	}
	return b.cur
}

// Reset starts again from Min, after an attempt that worked.
func (b *Backoff) Reset() { b.cur = 0 }

// Sleep waits d; it reports false when ctx ended first.
func Sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
