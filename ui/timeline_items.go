package ui

import (
	"time"

	"salonchat/inbox"
)

// tlKind says what a timeline row shows.
type tlKind uint8

const (
	tlMessage   tlKind = iota // a client's or the salon's message
	tlSystem                  // a note for operators ("взят в работу", "закрыт")
	tlDay                     // a day separator
	tlNewDialog               // where a new dialog of the chat begins
)

// tlItem is one row of the timeline. msg points into the timeline's messages, which are
// rebuilt together with the items.
type tlItem struct {
	kind tlKind
	msg  *inbox.Message
	day  time.Time // tlDay: local midnight
}

// tlKey names an item across rebuilds, for the height cache.
type tlKey struct {
	kind tlKind
	id   int64
}

func (it tlItem) key() tlKey {
	if it.kind == tlDay {
		return tlKey{tlDay, it.day.Unix()}
	}
	return tlKey{it.kind, int64(it.msg.ID)}
}

// buildItems lays messages out as rows: a separator before each new day, a marker where
// the chat's next dialog begins (the history of one client reads as episodes), then the
// message itself. Appending messages never changes the rows before them.
func buildItems(msgs []inbox.Message) []tlItem {
	items := make([]tlItem, 0, len(msgs)+len(msgs)/8+1)
	var lastDay time.Time
	for i := range msgs {
		m := &msgs[i]
		if day := startOfDay(localTime(m.At)); i == 0 || !day.Equal(lastDay) {
			items = append(items, tlItem{kind: tlDay, day: day})
			lastDay = day
		}
		if i > 0 && m.Dialog != msgs[i-1].Dialog {
			items = append(items, tlItem{kind: tlNewDialog, msg: m})
		}
		kind := tlMessage
		if m.Direction == inbox.DirSystem {
			kind = tlSystem
		}
		items = append(items, tlItem{kind: kind, msg: m})
	}
	return items
}
