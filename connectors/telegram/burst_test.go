package telegram_test

import (
	"testing"
	"time"

	"salonchat/connectors/internal/conntest"
	"salonchat/connectors/telegram"
)

// burst is a backlog of text messages from several clients, and what each update is.
type burst struct {
	users []int64
	byID  map[int64]burstMsg // update_id → message
}

type burstMsg struct {
	user int64
	msg  int
}

const burstUsers, burstSize = 20, 1000

func pushBurst(e *env) burst {
	b := burst{byID: map[int64]burstMsg{}}
	for u := range burstUsers {
		b.users = append(b.users, int64(5000+u))
	}
	for i := range burstSize {
		user := b.users[i%burstUsers]
		msg := 1 + i/burstUsers
		b.byID[e.pushText(user, msg, "сообщение")] = burstMsg{user, msg}
	}
	return b
}

// guardAck fails the test if Telegram is ever told to forget an update that is not on
// disk: when getUpdates confirms below offset, every earlier update must be stored.
func guardAck(t *testing.T, e *env, b burst) {
	e.srv.OnConfirm(func(offset int64) {
		for id, m := range b.byID {
			if id < offset && !e.sink.IsStored(telegram.MakePeerID(m.user), telegram.MakeMessageID(m.msg)) {
				t.Errorf("update %d (user %d message %d) confirmed before it was stored", id, m.user, m.msg)
			}
		}
	})
}

// checkBurst checks that every message of the burst is stored exactly once, in order.
func checkBurst(t *testing.T, e *env, b burst) {
	t.Helper()
	for _, u := range b.users {
		ms := e.messages(u)
		if len(ms) != burstSize/burstUsers {
			t.Errorf("user %d: %d messages stored; want %d", u, len(ms), burstSize/burstUsers)
		}
		for i, m := range ms {
			if want := telegram.MakeMessageID(i + 1); m.ExternalID != want {
				t.Errorf("user %d: message %d is %s; want %s (lost, doubled or out of order)", u, i, m.ExternalID, want)
				break
			}
		}
	}
	if n := e.srv.Pending(); n != 0 {
		t.Errorf("%d updates left unconfirmed on the server", n)
	}
}

func TestConnector_Receive_Burst(t *testing.T) {
	e := newEnv(t, nil)
	b := pushBurst(e)
	guardAck(t, e, b)
	stop, _ := e.run(e.connector())
	conntest.WaitFor(t, 30*time.Second, "1000 stored messages", func() bool { return e.sink.StoredCount() == burstSize })
	conntest.WaitFor(t, 5*time.Second, "all confirmed", func() bool { return e.srv.Pending() == 0 })
	if err := stop(); err != nil {
		t.Fatalf("Run = %v", err)
	}
	checkBurst(t, e, b)
	if got := e.srv.Calls("getUpdates"); got > 3*burstSize/100 {
		t.Errorf("%d getUpdates calls for %d updates; want about %d", got, burstSize, burstSize/100)
	}
}

// TestConnector_Receive_RestartMidBurst stops the connector twice in the middle of a
// backlog — once the store refuses a message (a full disk), once the program is shut
// down mid-batch — and starts a new one: nothing is lost, nothing doubled.
func TestConnector_Receive_RestartMidBurst(t *testing.T) {
	e := newEnv(t, nil)
	b := pushBurst(e)
	guardAck(t, e, b)

	conntest.RunInterrupted(t, e.connector(), e.sink, 300, 600)
	stored := e.sink.StoredCount()
	if stored < 500 || stored >= burstSize {
		t.Fatalf("%d stored at shutdown; want the run to stop mid-burst", stored)
	}

	stop, _ := e.run(e.connector()) // a new program start
	conntest.WaitFor(t, 30*time.Second, "1000 stored messages", func() bool { return e.sink.StoredCount() == burstSize })
	conntest.WaitFor(t, 5*time.Second, "all confirmed", func() bool { return e.srv.Pending() == 0 })
	if err := stop(); err != nil {
		t.Fatalf("second Run = %v", err)
	}
	checkBurst(t, e, b)
}
