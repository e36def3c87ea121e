// Package assets holds what SalonChat bundles into its binary: the application icon and
// the translations (Russian, English) of every user-visible string.
//
// Translation files are go-i18n JSON as fyne's lang package reads them: a flat map of
// keys such as "send.empty" to texts with Go template fields ({{.Field}}); plural texts
// are objects with the CLDR forms (Russian needs one, few, many and other).
package assets

//go:generate go run ./gen -out icon.png

import (
	"embed"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

var (
	//go:embed icon.png
	iconPNG []byte

	// Translations holds every translations/*.json file ("[part.]lang.json").
	//
	//go:embed translations/*.json
	Translations embed.FS
)

// TranslationsDir is the folder inside Translations that lang.AddTranslationsFS reads.
const TranslationsDir = "translations"

// Icon is the application icon, 512×512 PNG (drawn by assets/gen).
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)

var loadOnce struct {
	sync.Once
	err error
}

// LoadTranslations registers the bundled translations with fyne's lang package. It is
// safe to call more than once; only the first call loads. The language follows the
// operating system's locale.
func LoadTranslations() error {
	loadOnce.Do(func() { loadOnce.err = lang.AddTranslationsFS(Translations, TranslationsDir) })
	return loadOnce.err
}
