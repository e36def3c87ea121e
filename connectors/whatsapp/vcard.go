package whatsapp

import (
	"strings"
)

// parseVCard reads the name and the first phone number of a contact card as WhatsApp
// sends it. A TEL line's "waid=" parameter is the number's WhatsApp id, digits only,
// and is preferred to the number as the sender typed it:
//
//	TEL;type=CELL;type=VOICE;waid=79123456789:+7 912 345-67-89
func parseVCard(card string) (name, phone string) {
	// Folded lines continue with a space or a tab (RFC 6350 3.2).
	card = strings.NewReplacer("\r\n ", "", "\r\n\t", "", "\n ", "", "\n\t", "").Replace(card)
	for _, line := range strings.FieldsFunc(card, func(r rune) bool { return r == '\n' || r == '\r' }) {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		params := strings.Split(key, ";")
		prop := strings.ToUpper(params[0])
		if i := strings.LastIndexByte(prop, '.'); i >= 0 { // "item1.TEL"
			prop = prop[i+1:]
		}
		switch {
		case prop == "FN" && name == "":
			name = strings.TrimSpace(value)
		case prop == "TEL" && phone == "":
			phone = telValue(params[1:], value)
		}
	}
	return name, phone
}

func telValue(params []string, value string) string {
	for _, p := range params {
		k, v, _ := strings.Cut(p, "=")
		if strings.EqualFold(k, "waid") && v != "" && allDigits(v) {
			return "+" + v
		}
	}
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(value), "tel:"))
}
