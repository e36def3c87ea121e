package ui

import (
	"strings"
	"testing"
)

func TestUI_TitleCountsUnanswered(t *testing.T) {
	f := newFixture(t)
	if got := f.ui.win.Title(); !strings.HasPrefix(got, "(1) SalonChat") || !strings.Contains(got, "Анна Петрова") {
		t.Errorf("title = %q; want the unanswered count and the operator", got)
	}
	f.receive(inboxFromTelegram(f, "777", "Добрый день"))
	eventually(t, "title shows 2", func() bool { return strings.HasPrefix(f.ui.win.Title(), "(2)") })
}
