package vk_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"salonchat/connectors/internal/conntest"
	"salonchat/connectors/vk"
	"salonchat/connectors/vk/vktest"
)

// TestConnector_LongPoll_Failed1 starts from a saved position VK has forgotten: VK
// answers failed:1 with the oldest ts it still has, and the connector goes on from there.
func TestConnector_LongPoll_Failed1(t *testing.T) {
	e := newEnv(t, nil)
	for i := range 10 {
		e.pushText(anna, 101+i, "сообщение "+strconv.Itoa(i))
	}
	e.srv.Forget(1005)    // the first five are gone from VK's history
	writeTs(t, e, "1000") // the last run stopped before all ten
	stop, _ := e.run(e.connector())
	conntest.WaitFor(t, 5*time.Second, "the five messages VK still has", func() bool { return e.sink.StoredCount() == 5 })
	conntest.WaitFor(t, 5*time.Second, "all read", func() bool { return e.srv.Pending() == 0 })
	stop()
	for i := range 5 {
		if !e.sink.IsStored(vk.MakePeerID(anna), vk.MakeMessageID(106+i)) {
			t.Errorf("message %d not stored", 106+i)
		}
	}
	checks := e.srv.Checks()
	sawOld, sawNew := false, false
	for _, c := range checks {
		sawOld = sawOld || c.Ts == "1000"
		sawNew = sawNew || c.Ts == "1005"
	}
	if !sawOld || !sawNew {
		t.Errorf("long poll asked %v; want ts 1000, then 1005 from failed:1", checks)
	}
	if got := e.savedTs(); got != "1010" {
		t.Errorf("saved ts %q; want 1010", got)
	}
}

// writeTs puts a saved long poll position for the test's community.
func writeTs(t *testing.T, e *env, ts string) {
	t.Helper()
	dir := filepath.Join(e.opts.DataDir, "state")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	body := `{"group_id": ` + strconv.Itoa(vktest.GroupID) + `, "ts": "` + ts + `"}`
	if err := os.WriteFile(filepath.Join(dir, "vk-"+strconv.FormatUint(uint64(e.acc.ID), 10)+".ts"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestConnector_LongPoll_Failed2 expires the key while events wait: the connector gets a
// new key but keeps its own ts, so the events that arrived meanwhile (before VK's
// current ts) are not skipped.
func TestConnector_LongPoll_Failed2(t *testing.T) {
	e := newEnv(t, nil)
	stop, _ := e.start()
	e.pushText(anna, 101, "первое")
	conntest.WaitFor(t, 5*time.Second, "first message", func() bool { return e.sink.StoredCount() == 1 })

	e.srv.Freeze(true)
	e.pushText(anna, 102, "второе")
	e.pushText(anna, 103, "третье")
	e.srv.ExpireKey()
	servers := e.srv.Calls("groups.getLongPollServer")
	e.srv.Freeze(false)
	conntest.WaitFor(t, 5*time.Second, "messages sent while the key expired", func() bool { return e.sink.StoredCount() == 3 })
	stop()
	if got := e.srv.Calls("groups.getLongPollServer"); got != servers+1 {
		t.Errorf("getLongPollServer called %d more times; want once for the new key", got-servers)
	}
	if n := e.srv.Calls("groups.setLongPollSettings"); n != 1 {
		t.Errorf("setLongPollSettings called %d times; want once per Run", n)
	}
}

// TestConnector_LongPoll_Failed3 makes VK lose the information: the connector takes a
// new key and VK's new ts (what VK lost is lost, as its documentation says) and goes on.
func TestConnector_LongPoll_Failed3(t *testing.T) {
	e := newEnv(t, nil)
	stop, _ := e.start()
	e.pushText(anna, 101, "до сбоя")
	conntest.WaitFor(t, 5*time.Second, "first message", func() bool { return e.sink.StoredCount() == 1 })

	e.srv.Freeze(true)
	lost := e.pushText(anna, 102, "потеряно у VK")
	e.srv.LoseHistory()
	e.srv.Freeze(false)
	conntest.WaitFor(t, 5*time.Second, "a new key", func() bool { return e.srv.Calls("groups.getLongPollServer") == 2 })
	e.pushText(anna, 103, "после сбоя")
	conntest.WaitFor(t, 5*time.Second, "the message after the loss", func() bool {
		return e.sink.IsStored(vk.MakePeerID(anna), vk.MakeMessageID(103))
	})
	stop()
	if e.sink.IsStored(vk.MakePeerID(anna), vk.MakeMessageID(102)) {
		t.Error("a message VK reported lost was delivered: the fake or the test is wrong")
	}
	fresh := false
	for _, c := range e.srv.Checks() {
		fresh = fresh || c.Ts == strconv.FormatInt(lost+1, 10)
	}
	if !fresh {
		t.Errorf("after failed:3 the connector never asked from VK's new ts %d: %v", lost+1, e.srv.Checks())
	}
	if got, want := e.savedTs(), strconv.FormatInt(e.srv.Next(), 10); got != want {
		t.Errorf("saved ts %q; want %q", got, want)
	}
}

func TestConnector_LongPoll_StateOfAnotherCommunityIgnored(t *testing.T) {
	e := newEnv(t, nil)
	dir := filepath.Join(e.opts.DataDir, "state")
	os.MkdirAll(dir, 0o700)
	os.WriteFile(filepath.Join(dir, "vk-"+strconv.FormatUint(uint64(e.acc.ID), 10)+".ts"), []byte(`{"group_id": 1, "ts": "5"}`), 0o600)
	stop, _ := e.start()
	e.pushText(anna, 101, "Здравствуйте")
	conntest.WaitFor(t, 5*time.Second, "message", func() bool { return e.sink.StoredCount() == 1 })
	stop()
	for _, c := range e.srv.Checks() {
		if c.Ts == "5" {
			t.Error("the connector resumed from another community's position")
		}
	}
}
