package ui

import (
	"time"

	"fyne.io/fyne/v2/widget"

	"salonchat/i18n"
	"salonchat/inbox"
)

// accountState is how an account is doing, in the words and colour the window shows.
type accountState struct {
	word       string // работает / подключается… / не работает / отключено
	importance widget.Importance
	// reason is what happened and what to do, in full, or "".
	reason string
	since  string // "с 09:30"; "" when unknown or disabled
}

// accountStateOf describes an account's health for the administrator. Only HealthError is
// "!"; a connecting account explains its trouble but needs nothing from anyone.
func accountStateOf(tr *i18n.Translator, a inbox.Account, now time.Time) accountState {
	h := a.Health
	switch {
	case a.Disabled:
		return accountState{word: tr.T("account.state.disabled"), importance: widget.LowImportance,
			reason: tr.T("accounts.disabled_note")}
	case h.Broken():
		return accountState{word: tr.T("accounts.state.broken"), importance: widget.DangerImportance,
			reason: accountReason(tr, h.Reason), since: accountSince(tr, h.Since, now)}
	case h.State == inbox.HealthConnecting:
		s := accountState{word: tr.T("account.state.connecting"), importance: widget.WarningImportance,
			since: accountSince(tr, h.Since, now)}
		if h.Reason != "" {
			s.reason = accountReason(tr, h.Reason)
		}
		return s
	}
	return accountState{word: tr.T("account.state.ok"), importance: widget.SuccessImportance,
		since: accountSince(tr, h.Since, now)}
}

// accountReason translates a health reason. A reason without a text (a connector newer
// than the translations) reads as a general problem rather than as a key.
func accountReason(tr *i18n.Translator, key string) string {
	if key == "" || !tr.Has(key) {
		key = "health.unknown"
	}
	return tr.T(key)
}

// accountSince says since when the state holds: the clock time today, else the date.
func accountSince(tr *i18n.Translator, at, now time.Time) string {
	if at.IsZero() {
		return ""
	}
	at, now = localTime(at), localTime(now)
	when := at.Format("02.01.2006")
	if at.Year() == now.Year() {
		when = at.Format("02.01, 15:04")
	}
	if y, m, d := at.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		when = at.Format("15:04")
	}
	return tr.T("accounts.since", map[string]any{"When": when})
}

// accountNetwork is a messenger's name as the salon knows it ("ВКонтакте").
func accountNetwork(tr *i18n.Translator, n inbox.Network) string {
	return tr.T("network." + string(n))
}
