package telegram

import (
	"testing"

	"salonchat/connectors/internal/conntest"
)

// TestTranslations checks telegram.ru.json and telegram.en.json against the keys this
// package uses (see conntest.CheckTranslations).
func TestTranslations(t *testing.T) {
	conntest.CheckTranslations(t, conntest.Translations{
		Dir:      "../../assets/translations",
		Name:     "telegram",
		Sources:  []string{"*.go"},
		Prefixes: []string{"telegram", "health", "send"},
		MinUsed:  20,
	})
}
