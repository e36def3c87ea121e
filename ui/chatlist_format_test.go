package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestActivityTime(t *testing.T) {
	tr := translator(t, "ru")
	now := time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local)
	cases := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 11, 20, 0, 5, 0, 0, time.Local), "00:05"},
		{time.Date(2026, 11, 19, 23, 59, 0, 0, time.Local), "вчера"},
		{time.Date(2026, 11, 19, 0, 0, 0, 0, time.Local), "вчера"},
		{time.Date(2026, 11, 18, 23, 59, 0, 0, time.Local), "18.11"},
		{time.Date(2025, 12, 31, 10, 0, 0, 0, time.Local), "31.12.25"},
	}
	for _, c := range cases {
		if got := activityTime(tr, c.at.UTC(), now.UTC()); got != c.want {
			t.Errorf("activityTime(%v) = %q; want %q", c.at, got, c.want)
		}
	}
}

func TestWaitingText(t *testing.T) {
	ru, en := translator(t, "ru"), translator(t, "en")
	now := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
	cases := []struct {
		wait   time.Duration
		ru, en string
	}{
		{10 * time.Second, "ждёт 1 мин", "waiting 1 min"},
		{25 * time.Minute, "ждёт 25 мин", "waiting 25 min"},
		{59*time.Minute + 59*time.Second, "ждёт 59 мин", "waiting 59 min"},
		{3*time.Hour + 50*time.Minute, "ждёт 3 ч", "waiting 3 h"},
		{50 * time.Hour, "ждёт 2 дн.", "waiting 2 d"},
	}
	for _, c := range cases {
		if got := waitingText(ru, now.Add(-c.wait), now); got != c.ru {
			t.Errorf("waitingText(%v) = %q; want %q", c.wait, got, c.ru)
		}
		if got := waitingText(en, now.Add(-c.wait), now); got != c.en {
			t.Errorf("waitingText(%v, en) = %q; want %q", c.wait, got, c.en)
		}
	}
}

func TestTextFitter(t *testing.T) {
	test.NewTempApp(t)
	f := newTextFitter()
	const size = 14
	long := "Здравствуйте! Можно записаться на маникюр в субботу после обеда? 💅"
	full := fyne.MeasureText(long, size, fyne.TextStyle{}).Width
	if got := f.fit(long, full+1, size, fyne.TextStyle{}); got != long {
		t.Errorf("a text that fits came back as %q", got)
	}
	for _, width := range []float32{full * 0.75, full / 2, 40, 5} {
		for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
			got := f.fit(long, width, size, style)
			if w := fyne.MeasureText(got, size, style).Width; w > width && got != "…" {
				t.Errorf("fit(%.0f, bold %v) = %q, %.1f wide", width, style.Bold, got, w)
			}
			if []rune(got)[len([]rune(got))-1] != '…' {
				t.Errorf("fit(%.0f) = %q; want an ellipsis at the end", width, got)
			}
		}
	}
}
