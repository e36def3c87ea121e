package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"salonchat/connectors/internal/conntest"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

// fakePacer is a pacer on a fake clock: sleeping moves the clock on.
func fakePacer(every time.Duration, maxChats int, jitter time.Duration) (*pacer, *inboxtest.Clock, *[]time.Duration) {
	clock := inboxtest.NewClock(time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))
	var slept []time.Duration
	p := newPacer(every, maxChats, time.Minute)
	p.now = clock.Now
	p.sleep = func(_ context.Context, d time.Duration) bool {
		slept = append(slept, d)
		clock.Advance(d)
		return true
	}
	p.jitter = func(max time.Duration) time.Duration { return min(jitter, max) }
	return p, clock, &slept
}

// TestPacer_Pace: messages leave at least Pace apart, plus the jitter; the first one
// and one after a pause go at once.
func TestPacer_Pace(t *testing.T) {
	p, clock, slept := fakePacer(2*time.Second, 20, 700*time.Millisecond)
	for range 3 {
		if err := p.wait(t.Context(), "79123456789"); err != nil {
			t.Fatal(err)
		}
	}
	want := []time.Duration{2700 * time.Millisecond, 2700 * time.Millisecond}
	if fmt.Sprint(*slept) != fmt.Sprint(want) {
		t.Errorf("waits %v; want %v", *slept, want)
	}
	clock.Advance(10 * time.Second)
	*slept = nil
	if err := p.wait(t.Context(), "79123456789"); err != nil || len(*slept) != 0 {
		t.Errorf("after a pause: err %v, waits %v; want none", err, *slept)
	}
}

func TestPacer_JitterBounded(t *testing.T) {
	p := newPacer(2*time.Second, 20, time.Minute)
	for range 1000 {
		if j := p.jitter(time.Second); j < 0 || j >= time.Second {
			t.Fatalf("jitter %v outside [0, 1s)", j)
		}
	}
}

// TestPacer_Bulk: the 21st different chat within a minute is refused; answers to the
// chats already written to go on; a minute later new chats are allowed again.
func TestPacer_Bulk(t *testing.T) {
	p, clock, _ := fakePacer(time.Second, 20, 0)
	peer := func(i int) inbox.PeerID { return inbox.PeerID(fmt.Sprintf("7912000%04d", i)) }
	for i := range 20 {
		if err := p.wait(t.Context(), peer(i)); err != nil {
			t.Fatalf("chat %d refused: %v", i, err)
		}
	}
	if err := p.wait(t.Context(), peer(20)); !errors.Is(err, errBulk) {
		t.Fatalf("21st chat within a minute: %v; want errBulk", err)
	}
	if err := p.wait(t.Context(), peer(3)); err != nil {
		t.Errorf("answer to a chat already written to refused: %v", err)
	}
	clock.Advance(time.Minute)
	if err := p.wait(t.Context(), peer(20)); err != nil {
		t.Errorf("new chat a minute later refused: %v", err)
	}
}

func TestPacer_Cancelled(t *testing.T) {
	p := newPacer(time.Hour, 20, time.Minute)
	if err := p.wait(t.Context(), "1"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := p.wait(ctx, "1"); !errors.Is(err, context.Canceled) {
		t.Errorf("wait with an ended context = %v; want context.Canceled", err)
	}
}

// TestSend_BulkRefused: the refusal reaches the outbox as a permanent failure with the
// reason the operator sees, and nothing is sent.
func TestSend_BulkRefused(t *testing.T) {
	e := newEnv(t)
	_, _ = e.run()
	e.fake.setLoggedIn(true)
	e.c.pace.maxChats = 2
	for i, peer := range []inbox.PeerID{"79120000001", "79120000002", "79120000003"} {
		m := e.outbound(inbox.MessageID(i+1), "Напоминаем о записи")
		m.Chat.Peer = peer
		_, err := e.c.Send(t.Context(), m)
		if i < 2 && err != nil {
			t.Fatalf("message %d: %v", i+1, err)
		}
		if i == 2 && !isSendError(err, true, "whatsapp.bulk_refused") {
			t.Errorf("third chat: %v; want permanent whatsapp.bulk_refused", err)
		}
	}
	if n := len(e.fake.sentMessages()); n != 2 {
		t.Errorf("%d messages sent; want 2", n)
	}
}

func TestPaceSetting(t *testing.T) {
	tests := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"", 2 * time.Second, true}, {"5", 5 * time.Second, true}, {"1,5", 1500 * time.Millisecond, true},
		{"0", 0, false}, {"0.2", 0, false}, {"61", 0, false}, {"быстро", 0, false},
	}
	for _, tt := range tests {
		acc := testAccount()
		acc.Settings[SettingPace] = tt.v
		got, err := paceOf(acc, 2*time.Second)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("pace %q = %v, %v; want %v (ok %v)", tt.v, got, err, tt.want, tt.ok)
		}
		if _, err := New(acc, Options{}); (err == nil) != tt.ok || (!tt.ok && conntest.ErrKey(err) != "whatsapp.pace_invalid") {
			t.Errorf("New with pace %q: %v", tt.v, err)
		}
	}
}
