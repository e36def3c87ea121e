package vk_test

import (
	"strconv"
	"testing"
	"time"

	"salonchat/connectors/internal/conntest"
	"salonchat/connectors/vk"
)

// burst is a backlog of text messages from several clients.
type burst struct {
	users []int
	last  int64 // the number of the last event
}

const burstUsers, burstSize = 20, 1000

func pushBurst(e *env) burst {
	var b burst
	for u := range burstUsers {
		id := 5000 + u
		b.users = append(b.users, id)
		e.srv.AddUser(id, "Клиент", strconv.Itoa(id), "")
	}
	for i := range burstSize {
		b.last = e.pushText(b.users[i%burstUsers], 1+i, "сообщение")
	}
	return b
}

// checkBurst checks that every message of the burst is stored exactly once, in order.
func checkBurst(t *testing.T, e *env, b burst) {
	t.Helper()
	for k, u := range b.users {
		ms := e.messages(u)
		if len(ms) != burstSize/burstUsers {
			t.Errorf("user %d: %d messages stored; want %d", u, len(ms), burstSize/burstUsers)
		}
		for i, m := range ms {
			if want := vk.MakeMessageID(1 + k + i*burstUsers); m.ExternalID != want {
				t.Errorf("user %d: message %d is %s; want %s (lost, doubled or out of order)", u, i, m.ExternalID, want)
				break
			}
		}
		if c, _ := e.chat(u); c.Name != "Клиент "+strconv.Itoa(u) {
			t.Errorf("user %d: chat name %q", u, c.Name)
		}
	}
	if twice := e.sink.StoredTwice(); len(twice) > 0 {
		t.Errorf("stored twice: %v", twice)
	}
	if got, want := e.savedTs(), strconv.FormatInt(b.last+1, 10); got != want {
		t.Errorf("saved ts %q; want %q, past the last event", got, want)
	}
}

func TestConnector_Receive_Burst(t *testing.T) {
	e := newEnv(t, nil)
	stop, _ := e.start()
	b := pushBurst(e)
	conntest.WaitFor(t, 30*time.Second, "1000 stored messages", func() bool { return e.sink.StoredCount() == burstSize })
	conntest.WaitFor(t, 5*time.Second, "all read", func() bool { return e.srv.Pending() == 0 })
	if err := stop(); err != nil {
		t.Fatalf("Run = %v", err)
	}
	checkBurst(t, e, b)
	// The fake answers 100 events at a time: about ten answers, one users.get each at
	// most (the names are cached after the first).
	if got := e.srv.Calls("a_check"); got > 3*burstSize/100 {
		t.Errorf("%d long poll requests for %d events; want about %d", got, burstSize, burstSize/100)
	}
	if got := e.srv.Calls("users.get"); got > 3 {
		t.Errorf("users.get called %d times for 20 senders; want one per answer with new senders", got)
	}
}

// TestConnector_Receive_RestartMidBurst stops the connector twice in the middle of a
// backlog — once the store refuses a message (a full disk), once the program is shut
// down mid-answer — and starts a new one from the saved position: nothing is lost,
// nothing doubled.
func TestConnector_Receive_RestartMidBurst(t *testing.T) {
	e := newEnv(t, nil)
	// The first connection saves VK's position, as a real first start does; the
	// backlog then piles up while SalonChat is off.
	stop, _ := e.start()
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	start := e.savedTs()
	if start == "" {
		t.Fatal("no position saved on the first connection")
	}
	b := pushBurst(e)

	conntest.RunInterrupted(t, e.connector(), e.sink, 300, 650)
	stored := e.sink.StoredCount()
	if stored < 500 || stored >= burstSize {
		t.Fatalf("%d stored at shutdown; want the run to stop mid-burst", stored)
	}
	mid := e.savedTs()
	if n, _ := strconv.Atoi(mid); n <= 0 || n > 1000+stored || mid == start {
		t.Fatalf("saved ts %q with %d stored; want a position inside the backlog, not past what is on disk", mid, stored)
	}

	stop, _ = e.run(e.connector()) // a new program start
	conntest.WaitFor(t, 30*time.Second, "1000 stored messages", func() bool { return e.sink.StoredCount() == burstSize })
	conntest.WaitFor(t, 5*time.Second, "all read", func() bool { return e.srv.Pending() == 0 })
	if err := stop(); err != nil {
		t.Fatalf("second Run = %v", err)
	}
	checkBurst(t, e, b)
	if checks := e.srv.Checks(); len(checks) == 0 {
		t.Fatal("no long poll requests")
	}
	resumed := false
	for _, c := range e.srv.Checks() {
		resumed = resumed || c.Ts == mid
	}
	if !resumed {
		t.Errorf("the second run never asked from the saved ts %s", mid)
	}
}
