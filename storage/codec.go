package storage

import (
	"encoding/binary"
	"errors"
	"math"
	"time"
)

// errCorrupt reports a stored value that does not decode: a bug or a damaged file.
var errCorrupt = errors.New("storage: corrupt record")

// enc appends the compact binary encoding used for the hot records (chats, dialogs,
// messages): fixed 8-byte integers where the field is usually large, uvarints where it
// is usually small, and uvarint-length-prefixed strings. It is not self-describing: the
// schema version in meta says which layout a file holds.
type enc struct{ b []byte }

func (e *enc) u64(v uint64)     { e.b = binary.BigEndian.AppendUint64(e.b, v) }
func (e *enc) uv(v uint64)      { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) iv(v int64)       { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) u8(v uint8)       { e.b = append(e.b, v) }
func (e *enc) f64(v float64)    { e.u64(math.Float64bits(v)) }
func (e *enc) time(t time.Time) { e.u64(uint64(nanos(t))) }

func (e *enc) str(s string) {
	e.uv(uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *enc) bool(v bool) {
	if v {
		e.u8(1)
		return
	}
	e.u8(0)
}

// dec reads what enc wrote. The first error sticks and later reads return zero values,
// so decoders read every field and check err once at the end.
type dec struct {
	b   []byte
	err error
	// src, when set, is a copy of the whole value as a string (see copyOut): strings are
	// taken as substrings of it instead of being copied one by one.
	src string
}

func (d *dec) fail() { d.err, d.b = errCorrupt, nil }

func (d *dec) u64() uint64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	v := binary.BigEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

func (d *dec) uv() uint64 {
	// Most uvarints here are string lengths below 128: one byte.
	if len(d.b) > 0 && d.b[0] < 0x80 {
		v := d.b[0]
		d.b = d.b[1:]
		return uint64(v)
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) iv() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) u8() uint8 {
	if len(d.b) < 1 {
		d.fail()
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *dec) bool() bool      { return d.u8() != 0 }
func (d *dec) f64() float64    { return math.Float64frombits(d.u64()) }
func (d *dec) time() time.Time { return fromNanos(int64(d.u64())) }

// str copies the bytes out, since values live in bbolt's mmap only until the tx ends,
// or takes them from the value's copy in src.
func (d *dec) str() string {
	n := d.uv()
	if uint64(len(d.b)) < n {
		d.fail()
		return ""
	}
	if n == 0 {
		return ""
	}
	var s string
	if d.src != "" {
		at := len(d.src) - len(d.b)
		s = d.src[at : at+int(n)]
	} else {
		s = string(d.b[:n])
	}
	d.b = d.b[n:]
	return s
}

// zeroNanos stands for the zero time.Time, which UnixNano cannot represent; it also
// sorts before every real time.
const zeroNanos = math.MinInt64

// nanos is t as Unix nanoseconds, or zeroNanos for the zero time.
func nanos(t time.Time) int64 {
	if t.IsZero() {
		return zeroNanos
	}
	return t.UnixNano()
}

// fromNanos inverts nanos; times come back in UTC.
func fromNanos(n int64) time.Time {
	if n == zeroNanos {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
