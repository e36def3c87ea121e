package whatsapp

import (
	"strconv"
	"testing"

	"salonchat/connectors/internal/conntest"
)

// TestTranslations checks whatsapp.ru.json and whatsapp.en.json against the keys this
// package and the command line's linking (whose texts live there too) use, and the
// temporary-ban reasons built at run time (see conntest.CheckTranslations). Only the
// command line's texts take fields.
func TestTranslations(t *testing.T) {
	built := map[string]string{}
	for code := range tempBanCodes {
		built[reasonTempBan+"."+strconv.Itoa(int(code))] = "health.go (built at run time)"
	}
	conntest.CheckTranslations(t, conntest.Translations{
		Dir:          "../../assets/translations",
		Name:         "whatsapp",
		Sources:      []string{"*.go", "../../cmd/salonchat/accounts_whatsapp.go"},
		Prefixes:     []string{"whatsapp", "send"},
		Built:        built,
		MinUsed:      30,
		FieldsPrefix: "whatsapp.cli.",
	})
}
