package vk

import (
	"testing"

	"salonchat/connectors/internal/conntest"
)

// TestTranslations checks vk.ru.json and vk.en.json against the keys this package uses
// (see conntest.CheckTranslations).
func TestTranslations(t *testing.T) {
	conntest.CheckTranslations(t, conntest.Translations{
		Dir:      "../../assets/translations",
		Name:     "vk",
		Sources:  []string{"*.go"},
		Prefixes: []string{"vk", "health", "send"},
		MinUsed:  20,
	})
}
