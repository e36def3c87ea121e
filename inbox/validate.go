package inbox

import (
	"net/mail"
	"strings"
	"time"
)

// checkClient tidies a card as the form sent it — trims the text fields, names the card
// by the full name when it has no name of its own, normalises the phones and drops
// empty and repeated ones, keeps only the date of the birthday — and returns every
// field that is wrong, so that the form can mark each one.
func checkClient(c *Client, now time.Time) []FieldError {
	var errs []FieldError
	for _, f := range []*string{&c.Name, &c.Surname, &c.FirstName, &c.Patronymic, &c.Email, &c.Source} {
		*f = strings.TrimSpace(*f)
	}
	c.Notes = strings.TrimRight(c.Notes, " \t\r\n")
	if c.Name == "" {
		c.Name = c.FullName()
	}
	if c.Name == "" {
		errs = append(errs, FieldError{Field: FieldName, Key: "client.name_required"})
	}
	phones := make([]string, 0, len(c.Phones))
	for i, p := range c.Phones {
		if strings.TrimSpace(p) == "" {
			continue
		}
		n, ok := ValidPhone(p)
		switch {
		case !ok:
			errs = append(errs, FieldError{Field: FieldPhones, Index: i, Key: "client.bad_phone", Args: map[string]any{"Phone": p}})
		case !containsString(phones, n):
			phones = append(phones, n)
		}
	}
	c.Phones = phones
	if c.Email != "" && !validEmail(c.Email) {
		errs = append(errs, FieldError{Field: FieldEmail, Key: "client.bad_email", Args: map[string]any{"Email": c.Email}})
	}
	if fe, ok := checkBirthday(&c.Birthday, now); !ok {
		errs = append(errs, fe)
	}
	if !c.Gender.Valid() {
		errs = append(errs, FieldError{Field: FieldGender, Key: "client.bad_gender", Args: map[string]any{"Gender": string(c.Gender)}})
	}
	return errs
}

// checkBirthday keeps only the date of a birthday (midnight UTC of the day written) and
// refuses one in the future or before 1900.
func checkBirthday(b *time.Time, now time.Time) (FieldError, bool) {
	if b.IsZero() {
		return FieldError{}, true
	}
	y, m, d := b.Date()
	*b = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	switch {
	case b.After(now):
		return FieldError{Field: FieldBirthday, Key: "client.birthday_future"}, false
	case y < 1900:
		return FieldError{Field: FieldBirthday, Key: "client.bad_birthday"}, false
	}
	return FieldError{}, true
}

// validEmail accepts a bare address with a dotted domain: "anna@mail.ru", not
// "Анна <anna@mail.ru>" or "anna@localhost".
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return at > 0 && strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".")
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// dateLayouts are the ways a date may be typed: Russian style first, then ISO.
var dateLayouts = []string{"02.01.2006", "2.1.2006", "02.01.06", "2006-01-02"}

// ParseDate reads a date as an operator types it ("17.05.1990", "17.5.1990", "17.05.90",
// "1990-05-17") into midnight UTC of that day. Empty text is the zero time. Text that is
// not a date is an *Error with key "client.bad_date" and a field error for field (so
// that a form can show it next to the field with the others).
func ParseDate(field, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, invalidFields([]FieldError{{Field: field, Key: "client.bad_date", Args: map[string]any{"Date": s}}})
}
