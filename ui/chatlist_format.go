package ui

import (
	"time"

	"salonchat/i18n"
)

// activityTime is the short time a row shows for its last activity: the clock time today,
// "вчера", the date this year, or the date with the year for older dialogs.
func activityTime(tr *i18n.Translator, at, now time.Time) string {
	at, now = localTime(at), localTime(now)
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	switch {
	case !at.Before(today):
		return at.Format("15:04")
	case !at.Before(today.AddDate(0, 0, -1)):
		return tr.T("chatlist.yesterday")
	case at.Year() == y:
		return at.Format("02.01")
	}
	return at.Format("02.01.06")
}

// waitingText says how long a client has been waiting for an answer, rounded down to
// what matters at the front desk: minutes in the first hour, then hours, then days.
func waitingText(tr *i18n.Translator, since, now time.Time) string {
	d := max(now.Sub(since), time.Minute)
	switch {
	case d < time.Hour:
		return tr.T("chatlist.waiting_min", map[string]any{"N": int(d / time.Minute)})
	case d < 24*time.Hour:
		return tr.T("chatlist.waiting_hours", map[string]any{"N": int(d / time.Hour)})
	}
	return tr.T("chatlist.waiting_days", map[string]any{"N": int(d / (24 * time.Hour))})
}

// postponedText says until when a dialog is put aside: the time when that is today,
// else the date and time.
func postponedText(tr *i18n.Translator, until, now time.Time) string {
	until, now = localTime(until), localTime(now)
	when := until.Format("02.01 15:04")
	if y, m, d := until.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		when = until.Format("15:04")
	}
	return tr.T("chatlist.postponed_until", map[string]any{"When": when})
}

// waitingLong is how long a wait may last before the row shows it in the error colour
// rather than the warning one: an hour without an answer loses a booking.
const waitingLong = time.Hour
