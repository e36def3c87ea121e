package storage_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"salonchat/export"
	"salonchat/inbox"
	"salonchat/storage"
)

// Benchmarks of PERFORMANCE.md's operations on the generated 100 000-chat store (see
// fixture_test.go). Run: go test -bench . -run '^$' ./storage/

// measureCPU starts counting CPU time; the returned func reports it per operation.
func measureCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

// measureWrites starts counting the pages bbolt writes (meta and freelist included) and
// the nodes it splits; the returned func reports both per operation.
func measureWrites(b *testing.B, s *storage.Store) func() {
	w0, s0 := s.TxWrites()
	return func() {
		if b.N > 0 {
			w, sp := s.TxWrites()
			b.ReportMetric(float64(w-w0)/float64(b.N), "pages/op")
			b.ReportMetric(float64(sp-s0)/float64(b.N), "splits/op")
		}
	}
}

func openBench(b *testing.B, path string) *storage.Store {
	b.Helper()
	s, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// firstPage is what the window needs before its first frame: one page of Все × Без ответа
// and the 12 filter counts (three owner keys).
func firstPage(tx inbox.ReadTx, me inbox.OperatorID) (int, error) {
	rows, _, err := tx.Dialogs(inbox.Filter{Owner: inbox.OwnerAll, Status: inbox.StatusUnanswered, Me: me}, inbox.ListCursor{}, 50)
	if err != nil {
		return 0, err
	}
	for _, owner := range []uint64{inbox.AllOwners, 0, uint64(me)} {
		if _, err := tx.ClassCounts(owner); err != nil {
			return 0, err
		}
	}
	return len(rows), nil
}

func BenchmarkOpenFirstPage(b *testing.B) {
	f := benchFixture(b)
	defer measureCPU(b)()
	for b.Loop() {
		s, err := storage.Open(f.Path)
		if err != nil {
			b.Fatal(err)
		}
		var n int
		if err := s.View(func(tx inbox.ReadTx) error { n, err = firstPage(tx, 1); return err }); err != nil || n != 50 {
			b.Fatalf("first page: %d rows, %v", n, err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSwitchFilter(b *testing.B) {
	s := openBench(b, benchFixture(b).Path)
	var filters []inbox.Filter
	for _, o := range inbox.Owners {
		for _, st := range inbox.Statuses {
			filters = append(filters, inbox.Filter{Owner: o, Status: st, Me: 1})
		}
	}
	i := 0
	defer measureCPU(b)()
	for b.Loop() {
		f := filters[i%len(filters)]
		i++
		err := s.View(func(tx inbox.ReadTx) error {
			_, _, err := tx.Dialogs(f, inbox.ListCursor{}, 50)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func benchSearch(b *testing.B, s *storage.Store, q string, min int) {
	b.Helper()
	var n int
	defer measureCPU(b)()
	for b.Loop() {
		err := s.View(func(tx inbox.ReadTx) error {
			ids, err := tx.SearchChats(q, 50)
			n = len(ids)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if n < min {
		b.Fatalf("SearchChats(%q) found %d; want at least %d", q, n, min)
	}
}

func BenchmarkSearchPhone(b *testing.B) {
	f := benchFixture(b)
	s := openBench(b, f.Path)
	b.Run("prefix", func(b *testing.B) { benchSearch(b, s, "+7 912", 50) })
	// A whole number finds one chat by prefix, then scans for it inside longer numbers.
	b.Run("full", func(b *testing.B) { benchSearch(b, s, inbox.FormatPhone(f.Phone), 1) })
	// Five digits inside numbers match a handful of chats: the whole phones bucket is scanned.
	b.Run("substring", func(b *testing.B) { benchSearch(b, s, "345-67", 0) })
}

func BenchmarkSearchName(b *testing.B) {
	s := openBench(b, benchFixture(b).Path)
	b.Run("first", func(b *testing.B) { benchSearch(b, s, "Анна", 50) })
	b.Run("surname", func(b *testing.B) { benchSearch(b, s, "иванова", 50) })
	b.Run("two words", func(b *testing.B) { benchSearch(b, s, "анна иван", 1) })
}

func benchThread(b *testing.B, s *storage.Store, chat inbox.ChatID, before inbox.MessageID) {
	b.Helper()
	defer measureCPU(b)()
	for b.Loop() {
		err := s.View(func(tx inbox.ReadTx) error {
			ms, err := tx.Messages(chat, before, 50)
			if err == nil && len(ms) != 50 {
				err = fmt.Errorf("%d messages", len(ms))
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkThreadLast50(b *testing.B) {
	f := benchFixture(b)
	b.ReportMetric(float64(f.Size), "chat-msgs")
	benchThread(b, openBench(b, f.Path), f.Biggest, 0)
}

func BenchmarkThreadOlderPage(b *testing.B) {
	f := benchFixture(b)
	s := openBench(b, f.Path)
	// Start from the middle of the biggest thread, as when scrolled far back.
	var before inbox.MessageID
	err := s.View(func(tx inbox.ReadTx) error {
		for range f.Size / 100 {
			ms, err := tx.Messages(f.Biggest, before, 50)
			if err != nil {
				return err
			}
			before = ms[0].ID
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	benchThread(b, s, f.Biggest, before)
}

// receive is the store side of Service.Receive: find the chat and its dialog, skip a
// known external id, append the message, and move the dialog to "awaiting".
func receive(tx inbox.Tx, chat inbox.ChatID, ext string, at time.Time) error {
	c, err := tx.Chat(chat)
	if err != nil {
		return err
	}
	if _, dup, err := tx.MessageByExternal(chat, inbox.ExternalID(ext)); err != nil || dup {
		return err
	}
	d, err := tx.Dialog(c.Dialog)
	if err != nil {
		return err
	}
	m := inbox.Message{Chat: chat, Dialog: d.ID, Direction: inbox.DirInbound, At: at, ExternalID: inbox.ExternalID(ext),
		Text: "Добрый день! Можно записаться на маникюр на субботу после обеда?"}
	if err := tx.AppendMessage(&m); err != nil {
		return err
	}
	if d.Status == inbox.DialogClosed {
		d.Status = inbox.DialogOpen
	}
	d.Awaiting, d.Unread, d.LastActivity, d.LastMessage, d.Preview = true, d.Unread+1, at, m.ID, m.Text
	return tx.PutDialog(&d)
}

var extSeq atomic.Uint64

func nextExt() string { return fmt.Sprintf("bench-%d-%d", time.Now().UnixNano(), extSeq.Add(1)) }

func BenchmarkReceiveDurable(b *testing.B) {
	f, path := writableCopy(b)
	s := openBench(b, path)
	i := 0
	start := time.Now()
	defer measureCPU(b)()
	defer measureWrites(b, s)()
	for b.Loop() {
		i++
		chat := inbox.ChatID(1 + (i*7919)%f.Chats)
		if err := s.Update(func(tx inbox.Tx) error { return receive(tx, chat, nextExt(), time.Now().UTC()) }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "msgs/s")
}

func BenchmarkReceiveBatch(b *testing.B) {
	b.Run("default", func(b *testing.B) { benchReceiveBatch(b) })
	// Committing what is queued without waiting for the previous group's size, for
	// comparison: the groups split unevenly.
	b.Run("no-wait", func(b *testing.B) { benchReceiveBatch(b, storage.WithBatchDelay(0)) })
}

func benchReceiveBatch(b *testing.B, opts ...storage.Option) {
	f, path := writableCopy(b)
	s, err := storage.Open(path, opts...)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0))) // 64 producers in all
	var n atomic.Uint64
	// RunParallel, unlike b.Loop, does not restart the timer: without this the first run
	// (b.N = 1) counted copying the fixture, seconds, and the benchmark ended there.
	b.ResetTimer()
	start := time.Now()
	defer measureCPU(b)()
	defer measureWrites(b, s)()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			chat := inbox.ChatID(1 + (int(i)*7919)%f.Chats)
			ext := nextExt()
			at := time.Now().UTC()
			if err := s.Batch(func(tx inbox.Tx) error { return receive(tx, chat, ext, at) }); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(n.Load())/time.Since(start).Seconds(), "msgs/s")
}

// BenchmarkServiceReceive is what a connector's Receive costs: inbox.Service.Receive, with
// its account and peer lookups, a new dialog when the chat's last one is closed (most are
// in the fixture), and group commit. One producer is a connector storing a backlog one
// message at a time; 64 are many at once.
func BenchmarkServiceReceive(b *testing.B) {
	f, path := writableCopy(b)
	s := openBench(b, path)
	svc := inbox.NewService(s)
	type peer struct {
		account inbox.AccountID
		id      inbox.PeerID
	}
	peers := make([]peer, 0, f.Chats)
	err := s.View(func(tx inbox.ReadTx) error {
		return tx.WalkChats(func(c inbox.Chat) error {
			peers = append(peers, peer{c.Account, c.Peer})
			return nil
		})
	})
	if err != nil {
		b.Fatal(err)
	}
	var n atomic.Uint64
	recv := func(b *testing.B) {
		i := n.Add(1)
		p := peers[(int(i)*7919)%len(peers)]
		_, err := svc.Receive(inbox.Inbound{Account: p.account, Peer: p.id, ExternalID: inbox.ExternalID(nextExt()),
			At: time.Now().UTC(), Text: "Добрый день! Можно записаться на маникюр на субботу после обеда?"})
		if err != nil {
			b.Error(err)
		}
	}
	b.Run("1-producer", func(b *testing.B) {
		start := time.Now()
		defer measureCPU(b)()
		defer measureWrites(b, s)()
		for b.Loop() {
			recv(b)
		}
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "msgs/s")
	})
	b.Run("64-producers", func(b *testing.B) {
		b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
		start := time.Now()
		defer measureCPU(b)()
		defer measureWrites(b, s)()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				recv(b)
			}
		})
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "msgs/s")
	})
}

// BenchmarkExportWalk walks every message of every chat, decoding only (the store's
// part), writing each as a JSON line, and running the whole export package. One untimed
// walk first maps the file into this process: bbolt maps with MADV_RANDOM, so a first
// walk pays a page fault per 4 KiB page (PERFORMANCE.md: cold 8 s against 1.2 s warm).
func BenchmarkExportWalk(b *testing.B) {
	f := benchFixture(b)
	s := openBench(b, f.Path)
	if err := export.Write(io.Discard, s, export.Filter{}); err != nil {
		b.Fatal(err)
	}
	b.Run("walk", func(b *testing.B) { benchExport(b, s, f.Msgs, func(*inbox.Message) error { return nil }) })
	b.Run("json", func(b *testing.B) {
		w := bufio.NewWriterSize(io.Discard, 1<<16)
		enc := json.NewEncoder(w)
		benchExport(b, s, f.Msgs, func(m *inbox.Message) error { return enc.Encode(m) })
	})
	// The whole export (package export): every record, not only messages.
	b.Run("export", func(b *testing.B) {
		defer measureCPU(b)()
		for b.Loop() {
			if err := export.Write(io.Discard, s, export.Filter{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func benchExport(b *testing.B, s *storage.Store, want int, line func(*inbox.Message) error) {
	var n int
	start := time.Now()
	defer measureCPU(b)()
	for b.Loop() {
		n = 0
		err := s.View(func(tx inbox.ReadTx) error {
			return tx.WalkChats(func(c inbox.Chat) error {
				return tx.WalkMessages(c.ID, func(m inbox.Message) error { n++; return line(&m) })
			})
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if n != want {
		b.Fatalf("exported %d messages; want %d", n, want)
	}
	b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "msgs/s")
}
