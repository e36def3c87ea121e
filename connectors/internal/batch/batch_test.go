package batch

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type msg struct {
	chat, n int
}

func TestByChat_OrderAndFailure(t *testing.T) {
	var items []msg
	for n := range 30 {
		items = append(items, msg{chat: n % 3, n: n})
	}
	full := errors.New("disk full")
	var mu sync.Mutex
	seen := map[int][]int{}
	results := ByChat(items, func(m msg) int { return m.chat }, 2, func(m msg) error {
		if m.chat == 1 && m.n == 13 {
			return full
		}
		mu.Lock()
		defer mu.Unlock()
		seen[m.chat] = append(seen[m.chat], m.n)
		return nil
	})
	for i, m := range items {
		wantErr := m.chat == 1 && m.n >= 13
		if (results[i] != nil) != wantErr || (wantErr && !errors.Is(results[i], full)) {
			t.Errorf("item %d (chat %d): %v; want error %v", m.n, m.chat, results[i], wantErr)
		}
	}
	for chat, ns := range seen {
		for k := 1; k < len(ns); k++ {
			if ns[k] < ns[k-1] {
				t.Errorf("chat %d received out of order: %v", chat, ns)
			}
		}
	}
	if got := fmt.Sprint(seen[1]); got != "[1 4 7 10]" {
		t.Errorf("chat 1 received %s; want the items before the failure only", got)
	}
}

func TestByChat_Parallel(t *testing.T) {
	var items []msg
	for n := range 40 {
		items = append(items, msg{chat: n % 8, n: n})
	}
	var now, most atomic.Int64
	ByChat(items, func(m msg) int { return m.chat }, 3, func(msg) error {
		n := now.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(time.Millisecond)
		now.Add(-1)
		return nil
	})
	if m := most.Load(); m > 3 {
		t.Errorf("%d chats at once; want at most 3", m)
	}
}
