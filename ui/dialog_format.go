package ui

import (
	"fmt"
	"time"
)

// The dialog's ways of writing times and sizes. Times are stored in UTC and shown in the
// computer's time zone; "today" is the Service's today, so tests with a fake clock agree.

// dateTime is a moment as the dialog shows it: "20.11 09:31", with the year only when it
// is not this year's.
func (d *dialogView) dateTime(t time.Time) string {
	lt := localTime(t)
	if lt.Year() != localTime(d.u.svc.Now()).Year() {
		return lt.Format("02.01.2006 15:04")
	}
	return lt.Format("02.01 15:04")
}

// dayTitle is a day separator: "Сегодня", "Вчера", "18 ноября" (or "18 ноября 2025").
func (d *dialogView) dayTitle(t time.Time) string {
	tr := d.u.tr
	day, today := startOfDay(localTime(t)), startOfDay(localTime(d.u.svc.Now()))
	switch {
	case day.Equal(today):
		return tr.T("dialog.day.today")
	case day.Equal(today.AddDate(0, 0, -1)):
		return tr.T("dialog.day.yesterday")
	}
	args := map[string]any{"Day": day.Day(), "Month": tr.T(fmt.Sprintf("dialog.month.%d", day.Month())), "Year": day.Year()}
	if day.Year() != today.Year() {
		return tr.T("dialog.day.date_year", args)
	}
	return tr.T("dialog.day.date", args)
}

// startOfDay is midnight of t's day in t's location.
func startOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// fileSize is a size an administrator reads at a glance: "640 КБ", "12,5 МБ".
func (d *dialogView) fileSize(n int64) string {
	tr := d.u.tr
	const kb, mb = 1024, 1024 * 1024
	switch {
	case n < kb:
		return tr.T("dialog.size.b", map[string]any{"N": n})
	case n < mb:
		return tr.T("dialog.size.kb", map[string]any{"N": (n + kb/2) / kb})
	case n < 10*mb:
		return tr.T("dialog.size.mb", map[string]any{"N": d.decimal(float64(n) / mb)})
	}
	return tr.T("dialog.size.mb", map[string]any{"N": (n + mb/2) / mb})
}

// decimal writes one digit after the point with the language's decimal mark.
func (d *dialogView) decimal(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	if d.u.tr.Lang() == "ru" {
		s = s[:len(s)-2] + "," + s[len(s)-1:]
	}
	return s
}
