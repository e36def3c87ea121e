// Package assets holds what SalonChat bundles into its binary: the application icon and
// the translations (Russian, English) of every user-visible string.
//
// Translation files are go-i18n JSON, read by package i18n: a flat map of
// keys such as "send.empty" to texts with Go template fields ({{.Field}}); plural texts
// are objects with the CLDR forms (Russian needs one, few, many and other).
package assets

//go:generate go run ./gen -out icon.png

import (
	"embed"

	"fyne.io/fyne/v2"
)

var (
	//go:embed icon.png
	iconPNG []byte

	// Translations holds every translations/*.json file ("[part.]lang.json").
	//
	//go:embed translations/*.json
	Translations embed.FS
)

// TranslationsDir is the folder inside Translations that holds the JSON files.
const TranslationsDir = "translations"

// Icon is the application icon, 512×512 PNG (drawn by assets/gen).
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)
