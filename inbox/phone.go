package inbox

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// defaultRegion is where a number without a country code is assumed to be: SalonChat's
// salons are in Russia, where 8 912… and +7 912… are the same number.
const defaultRegion = "RU"

// NormalizePhone turns a phone written any way ("+7 (912) 345-67-89", "89123456789",
// "79123456789", "9123456789") into its international digits without "+"
// ("79123456789"). It returns "" when s holds no plausible phone number.
func NormalizePhone(s string) string {
	digits := onlyDigits(s)
	if len(digits) < 5 || len(digits) > 15 {
		return ""
	}
	// WhatsApp and VK give "79123456789" without "+": treat 11 digits starting with 7 as
	// international rather than letting the parser read it as a Russian national number.
	in := s
	if !strings.HasPrefix(strings.TrimSpace(s), "+") && len(digits) == 11 && digits[0] == '7' {
		in = "+" + digits
	}
	num, err := phonenumbers.Parse(in, defaultRegion)
	if err != nil || !phonenumbers.IsPossibleNumber(num) {
		return digits
	}
	return strings.TrimPrefix(phonenumbers.Format(num, phonenumbers.E164), "+")
}

// ValidPhone normalises a phone a person typed and reports whether it can be a real
// number (right length for its country). NormalizePhone is lenient because networks
// send what they send; a number typed into a card or a lead must be one that can be
// dialled, so "8 912 34" is refused here.
func ValidPhone(s string) (string, bool) {
	n := NormalizePhone(s)
	if n == "" {
		return "", false
	}
	num, err := phonenumbers.Parse("+"+n, defaultRegion)
	return n, err == nil && phonenumbers.IsPossibleNumber(num)
}

// FormatPhone shows a normalised phone the way people write it: "+7 912 345-67-89".
func FormatPhone(normalized string) string {
	if normalized == "" {
		return ""
	}
	num, err := phonenumbers.Parse("+"+normalized, defaultRegion)
	if err != nil {
		return "+" + normalized
	}
	return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
}

// PhoneQuery turns what an operator typed into the digits to look for inside normalised
// phones, or "" when the query is not a phone (fewer than 3 digits, or letters).
// A leading 8 is the Russian trunk prefix: "8912" searches for "7912".
func PhoneQuery(q string) string {
	q = strings.TrimSpace(q)
	for _, r := range q {
		if !strings.ContainsRune("0123456789+-() ", r) {
			return ""
		}
	}
	digits := onlyDigits(q)
	if len(digits) < 3 {
		return ""
	}
	if digits[0] == '8' && (len(digits) == 11 || !strings.HasPrefix(q, "+")) {
		digits = "7" + digits[1:]
	}
	return digits
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
