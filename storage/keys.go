package storage

import (
	"bytes"
	"encoding/binary"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Keys are big-endian so that bbolt's byte order is numeric order: ids walk in the order
// they were assigned and a chat's messages in time order.

func u64key(v uint64) []byte { return binary.BigEndian.AppendUint64(make([]byte, 0, 8), v) }

func keyU64(k []byte) uint64 { return binary.BigEndian.Uint64(k) }

// pair is a‖b, the key of every "parent ‖ child" index.
func pair(a, b uint64) []byte {
	k := make([]byte, 16)
	binary.BigEndian.PutUint64(k, a)
	binary.BigEndian.PutUint64(k[8:], b)
	return k
}

// second returns b of a pair key.
func second(k []byte) uint64 { return binary.BigEndian.Uint64(k[8:16]) }

// sortable maps signed nanoseconds onto unsigned ones in the same order, so that big-endian
// keys sort times correctly even before 1970.
func sortable(n int64) uint64 { return uint64(n) ^ 1<<63 }

func unsortable(u uint64) int64 { return int64(u ^ 1<<63) }

// actKey is owner‖class‖^time‖^dialog: inverting the time makes a forward cursor walk
// newest first, and inverting the id puts the later of two dialogs with the same time
// first (as inboxtest.MemStore orders them).
func actKey(owner uint64, class uint8, at int64, dialog uint64) []byte {
	k := make([]byte, 25)
	binary.BigEndian.PutUint64(k, owner)
	k[8] = class
	binary.BigEndian.PutUint64(k[9:], ^sortable(at))
	binary.BigEndian.PutUint64(k[17:], ^dialog)
	return k
}

// actPrefix is owner‖class, the range of one class of one owner.
func actPrefix(owner uint64, class uint8) []byte { return actKey(owner, class, 0, 0)[:9] }

func actAt(k []byte) int64 { return unsortable(^binary.BigEndian.Uint64(k[9:17])) }

func actDialog(k []byte) uint64 { return ^binary.BigEndian.Uint64(k[17:25]) }

// counterKey is owner‖class.
func counterKey(owner uint64, class uint8) []byte { return actPrefix(owner, class) }

// postponedKey is until‖dialog, so PostponedDue is one walk from the start.
func postponedKey(until time.Time, dialog uint64) []byte {
	return pair(sortable(nanos(until)), dialog)
}

// wordKey is word‖0‖id: the zero byte ends the word, so a prefix seek cannot mistake the
// id's bytes for letters, and a shorter word sorts before its extensions.
func wordKey(word string, id uint64) []byte {
	k := make([]byte, 0, len(word)+9)
	k = append(k, word...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, id)
}

// wordOf and idOf split a wordKey.
func wordOf(k []byte) []byte { return k[:len(k)-9] }

func idOf(k []byte) uint64 { return binary.BigEndian.Uint64(k[len(k)-8:]) }

// strKey is id‖s, for account‖peer and chat‖external id.
func strKey(id uint64, s string) []byte {
	k := make([]byte, 8, 8+len(s))
	binary.BigEndian.PutUint64(k, id)
	return append(k, s...)
}

// revKey is chat‖message‖seq.
func revKey(chat, msg uint64, seq uint32) []byte {
	k := make([]byte, 20)
	binary.BigEndian.PutUint64(k, chat)
	binary.BigEndian.PutUint64(k[8:], msg)
	binary.BigEndian.PutUint32(k[16:], seq)
	return k
}

// get is Bucket.Get through a cursor the caller reuses for many lookups.
func get(c *bolt.Cursor, key []byte) []byte {
	if k, v := c.Seek(key); bytes.Equal(k, key) {
		return v
	}
	return nil
}
