package retry

import (
	"context"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	b := Backoff{Min: time.Second, Max: 5 * time.Second}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}
	for i, w := range want {
		if got := b.Next(); got != w {
			t.Errorf("Next() #%d = %v; want %v", i+1, got, w)
		}
	}
	b.Reset()
	if got := b.Next(); got != time.Second {
		t.Errorf("Next() after Reset = %v; want %v", got, time.Second)
	}
}

func TestSleep(t *testing.T) {
	if !Sleep(t.Context(), time.Millisecond) {
		t.Error("Sleep(1ms) = false; want true")
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	start := time.Now()
	if Sleep(ctx, time.Hour) {
		t.Error("Sleep with an ended context = true; want false")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Sleep with an ended context took %v", d)
	}
}
