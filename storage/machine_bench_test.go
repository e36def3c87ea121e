package storage_test

import (
	"encoding/binary"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

// BenchmarkMachine times bare bbolt on the same store, without SalonChat's code: what
// this machine gives at best today, beside the floor PERFORMANCE.md measured on another
// day. Its disk and memory speed vary from hour to hour, so the store's figures are
// best read next to these.
func BenchmarkMachine(b *testing.B) {
	// One Put of a message-sized value into msgs, one durable transaction each: the
	// least a durable receive can cost (the message's page path, the root, the freelist
	// and the meta page, two fsyncs).
	b.Run("commit-one-put", func(b *testing.B) {
		f, path := writableCopy(b)
		db := openBench(b, path).Bolt()
		value := make([]byte, 150)
		key := make([]byte, 16)
		seq := uint64(1) << 40
		start := time.Now()
		defer measureCPU(b)()
		for b.Loop() {
			seq++
			binary.BigEndian.PutUint64(key, uint64(1+int(seq*7919)%f.Chats))
			binary.BigEndian.PutUint64(key[8:], seq)
			err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("msgs")).Put(key, value) })
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "commits/s")
	})
	// The 50 newest values of the biggest chat, each copied out as a string: a thread
	// page without decoding, deliveries or revisions.
	b.Run("read-50", func(b *testing.B) {
		f := benchFixture(b)
		db := openBench(b, f.Path).Bolt()
		end := make([]byte, 16)
		binary.BigEndian.PutUint64(end, uint64(f.Biggest))
		binary.BigEndian.PutUint64(end[8:], ^uint64(0))
		type row struct {
			id   inbox.MessageID
			text string
		}
		defer measureCPU(b)()
		for b.Loop() {
			err := db.View(func(tx *bolt.Tx) error {
				c := tx.Bucket([]byte("msgs")).Cursor()
				c.Seek(end)
				out := make([]row, 0, 50)
				for k, v := c.Prev(); k != nil && len(out) < 50; k, v = c.Prev() {
					out = append(out, row{inbox.MessageID(binary.BigEndian.Uint64(k[8:])), string(v)})
				}
				if len(out) != 50 {
					b.Fatalf("%d values", len(out))
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
