package vktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"salonchat/connectors/internal/conntest"
)

// Push adds an event ({"type": …, "object": …}; group_id, event_id and v are filled in
// when missing, "{{BASE}}" becomes the server's address) and returns its number: the
// long poll hands it to a request whose ts is at or below that number.
func (s *Server) Push(eventJSON string) int64 {
	base := s.URL()
	s.mu.Lock()
	defer s.mu.Unlock()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(strings.ReplaceAll(eventJSON, "{{BASE}}", base)), &m); err != nil {
		s.tb.Fatalf("vktest: Push: %v", err)
	}
	num := s.next
	s.next++
	if _, ok := m["group_id"]; !ok {
		m["group_id"] = json.RawMessage(strconv.Itoa(GroupID))
	}
	if _, ok := m["event_id"]; !ok {
		m["event_id"] = json.RawMessage(fmt.Sprintf(`"%040x"`, num))
	}
	if _, ok := m["v"]; !ok {
		m["v"] = json.RawMessage(`"` + APIVersion + `"`)
	}
	raw, _ := json.Marshal(m)
	s.events = append(s.events, lpEvent{num: num, raw: raw})
	s.wakeLocked()
	return num
}

// Next is the number the next pushed event will get (the ts groups.getLongPollServer
// gives now).
func (s *Server) Next() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.next
}

// Forget drops the events below num from the history, as VK does with old ones: a long
// poll from an older ts answers failed:1 with the oldest ts still kept.
func (s *Server) Forget(num int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.oldest = max(s.oldest, min(num, s.next))
	kept := s.events[:0]
	for _, e := range s.events {
		if e.num >= s.oldest {
			kept = append(kept, e)
		}
	}
	s.events = kept
}

// ExpireKey voids the long poll key: requests with it answer failed:2 until the
// connector asks for a new one.
func (s *Server) ExpireKey() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.newKeyLocked()
}

// LoseHistory makes the next long poll answer failed:3 (VK lost the information) and
// voids the key; events pushed before are not delivered to a new ts.
func (s *Server) LoseHistory() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lose = true
	s.newKeyLocked()
}

// Freeze holds long poll answers (requests wait) until Freeze(false).
func (s *Server) Freeze(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case on && s.frozen == nil:
		s.frozen = make(chan struct{})
	case !on && s.frozen != nil:
		close(s.frozen)
		s.frozen = nil
	}
}

// Checks lists the long poll requests so far.
func (s *Server) Checks() []Check {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Check(nil), s.checks...)
}

// Pending is how many pushed events no long poll request has moved past yet: events at
// or above the highest ts a request asked for.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	var high int64
	for _, c := range s.checks {
		if ts, err := strconv.ParseInt(c.Ts, 10, 64); err == nil {
			high = max(high, ts)
		}
	}
	n := 0
	for _, e := range s.events {
		if e.num >= high {
			n++
		}
	}
	return n
}

func (s *Server) newKeyLocked() {
	s.keys++
	s.key = fmt.Sprintf("lpkey%02d%s", s.keys, strings.Repeat("f", 30))
	s.wakeLocked()
}

func (s *Server) wakeLocked() {
	close(s.arrived)
	s.arrived = make(chan struct{})
}

// longPollServer answers groups.getLongPollServer.
func (s *Server) longPollServer(group string) (any, *Failure) {
	if group != strconv.Itoa(GroupID) {
		return nil, &Failure{Code: 100, Message: "One of the parameters specified was missing or invalid: group_id is incorrect"}
	}
	base := s.URL()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lose = false // a new key and ts is what failed:3 asks for
	return map[string]any{"key": s.key, "server": fmt.Sprintf("%s/lp/%d", base, GroupID), "ts": strconv.FormatInt(s.next, 10)}, nil
}

// longPoll answers act=a_check the way VK's long poll servers do.
func (s *Server) longPoll(w http.ResponseWriter, r *http.Request) {
	s.count("a_check")
	q := r.URL.Query()
	key, tsText := q.Get("key"), q.Get("ts")
	s.mu.Lock()
	s.checks = append(s.checks, Check{Key: key, Ts: tsText})
	s.mu.Unlock()
	f, failed := s.nextFailure("a_check")
	if failed && !f.Lost {
		conntest.WriteHTML(w, f.Code)
		return
	}
	if q.Get("act") != "a_check" {
		writeJSON(w, map[string]any{"failed": 2})
		return
	}
	wait, _ := strconv.Atoi(q.Get("wait"))
	deadline := time.NewTimer(time.Duration(min(max(wait, 0), 90)) * time.Second)
	defer deadline.Stop()
	for {
		answer, wake, closing := s.answer(key, tsText)
		if answer != nil && (wait <= 0 || !isEmpty(answer)) {
			if failed { // Lost: the answer goes nowhere
				drop(w)
				return
			}
			writeJSON(w, answer)
			return
		}
		select {
		case <-wake:
		case <-deadline.C:
			wait = 0
		case <-closing:
			drop(w) // the server went away mid-request: no answer at all
			return
		case <-r.Context().Done():
			return
		}
	}
}

func isEmpty(answer map[string]any) bool {
	u, ok := answer["updates"].([]json.RawMessage)
	return ok && len(u) == 0
}

// answer is what a request gets now; nil while frozen. wake is closed when that may
// change.
func (s *Server) answer(key, tsText string) (answer map[string]any, wake <-chan struct{}, closing <-chan struct{}) {
	closing = s.host.Closing()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.frozen != nil {
		return nil, s.frozen, closing
	}
	wake = s.arrived
	ts, err := strconv.ParseInt(tsText, 10, 64)
	switch {
	case s.lose:
		return map[string]any{"failed": 3}, wake, closing
	case key != s.key:
		return map[string]any{"failed": 2}, wake, closing
	case err != nil || ts > s.next:
		// A number, not a string, as VK sends it with failed:1.
		return map[string]any{"failed": 1, "ts": s.next}, wake, closing
	case ts < s.oldest:
		return map[string]any{"failed": 1, "ts": s.oldest}, wake, closing
	}
	out := []json.RawMessage{}
	last := ts
	for _, e := range s.events {
		if e.num >= ts && len(out) < pollLimit {
			out = append(out, e.raw)
			last = e.num + 1
		}
	}
	return map[string]any{"ts": strconv.FormatInt(last, 10), "updates": out}, wake, closing
}
