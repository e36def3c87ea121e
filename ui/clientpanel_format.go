package ui

import (
	"strconv"
	"time"

	"salonchat/i18n"
	"salonchat/inbox"
)

// nbsp keeps "1 800 ₽" and "21.11 10:00" together when a narrow column wraps text.
const nbsp = "\u00a0"

// clientDate is a moment's local calendar date in the interface language ("21.11.2026").
func (u *UI) clientDate(t time.Time) string {
	return localTime(t).Format(u.tr.T("client.format.date"))
}

// clientDateTime is a moment's local date and time ("21.11.2026 11:30").
func (u *UI) clientDateTime(t time.Time) string { return dateTime(u.tr, t) }

// dateTime is clientDateTime for windows without a UI (the recovery window).
func dateTime(tr *i18n.Translator, t time.Time) string {
	return localTime(t).Format(tr.T("client.format.datetime"))
}

// clientBirthday shows a birthday with the age it makes today: "15.03.1990, 36 лет".
// Birthdays are calendar dates stored at UTC midnight, so they are not shifted into the
// local zone (that would move them a day back west of Greenwich).
func (u *UI) clientBirthday(b time.Time) string {
	date := b.UTC().Format(u.tr.T("client.format.date"))
	age := ageOn(b.UTC(), localTime(u.svc.Now()))
	if age < 0 {
		return date
	}
	return u.tr.T("client.birthday", map[string]any{"Date": date, "Age": u.tr.N("client.age", age)})
}

// ageOn is how many full years someone born on birthday has lived on today's date.
func ageOn(birthday, today time.Time) int {
	years := today.Year() - birthday.Year()
	if today.Month() < birthday.Month() || today.Month() == birthday.Month() && today.Day() < birthday.Day() {
		years--
	}
	return years
}

// rubles shows an amount in kopecks the way a price list does: "1 800 ₽", "950,50 ₽".
func (u *UI) rubles(kopecks int64) string {
	sign := ""
	if kopecks < 0 {
		sign, kopecks = "-", -kopecks
	}
	amount := sign + groupThousands(strconv.FormatInt(kopecks/100, 10))
	if k := kopecks % 100; k != 0 {
		amount += u.tr.T("client.format.decimal") + strconv.FormatInt(100+k, 10)[1:]
	}
	return u.tr.T("client.price", map[string]any{"Amount": amount})
}

// groupThousands puts a no-break space between groups of three digits: "1 800 000".
func groupThousands(digits string) string {
	out := ""
	for len(digits) > 3 {
		out = nbsp + digits[len(digits)-3:] + out
		digits = digits[:len(digits)-3]
	}
	return digits + out
}

// networkName is a network as administrators call it ("ВКонтакте").
func (u *UI) networkName(n inbox.Network) string {
	return u.tr.T("network." + string(n))
}

// chatAddress is how the salon reaches a chat: its phone, else its @username, else the
// name the network gave.
func chatAddress(c inbox.Chat) string {
	switch {
	case c.Phone != "":
		return inbox.FormatPhone(c.Phone)
	case c.Username != "":
		return "@" + c.Username
	}
	return c.Name
}
