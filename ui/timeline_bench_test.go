package ui

import (
	"fmt"
	"strings"
	"testing"

	"salonchat/inbox"
)

// BenchmarkTimeline_Open opens a chat with a long history: reading the newest page,
// measuring its rows and laying out the list. Then the older pages on scrolling up.
func BenchmarkTimeline_Open(b *testing.B) {
	s := newDialogSalon(b)
	long := strings.Repeat("Добрый день! Хочу записаться на стрижку и окрашивание. ", 4)
	for i := 0; i < 300; i++ {
		s.receive(inbox.Inbound{Account: s.tg.ID, Peer: "5551", Text: fmt.Sprintf("%d %s", i, long[:i%len(long)])})
	}
	b.Run("newest page", func(b *testing.B) {
		for b.Loop() {
			s.d.timeline.heights = map[tlKey]tlHeight{}
			s.open(s.answered.Dialog)
		}
	})
	b.Run("older page", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s.open(s.answered.Dialog)
			b.StartTimer()
			s.d.timeline.list.ScrollToTop()
			s.runLater()
		}
	})
}
