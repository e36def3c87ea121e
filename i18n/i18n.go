// Package i18n translates SalonChat's user-visible text. Messages live in JSON files
// named "[part.]lang.json" (assets/translations); Russian is the default language and
// the fallback for a key missing in another language.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"salonchat/inbox"
)

// Languages the interface is offered in, the default first.
var Languages = []string{"ru", "en"}

// Translator turns message keys into text in one language.
type Translator struct {
	lang     string
	loc      *goi18n.Localizer
	fallback *goi18n.Localizer // Russian, for keys not translated into lang
}

// New loads every *.json file in the root of fsys and returns a Translator for lang
// ("ru" or "en"; anything else means Russian).
func New(fsys fs.FS, lang string) (*Translator, error) {
	b := goi18n.NewBundle(language.Russian)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if _, err := b.LoadMessageFileFS(fsys, f); err != nil {
			return nil, fmt.Errorf("translations %s: %w", path.Base(f), err)
		}
	}
	lang = Pick(lang)
	return &Translator{lang: lang, loc: goi18n.NewLocalizer(b, lang), fallback: goi18n.NewLocalizer(b, "ru")}, nil
}

// Pick returns the supported language a locale string ("en_GB.UTF-8", "ru-RU", "en")
// stands for, Russian when it is neither.
func Pick(locale string) string {
	if strings.HasPrefix(strings.ToLower(locale), "en") {
		return "en"
	}
	return "ru"
}

// Lang is the Translator's language.
func (t *Translator) Lang() string { return t.lang }

// T translates a key; args fill {{.Name}} placeholders. A missing key shows as itself,
// which tests catch (see the translations test).
func (t *Translator) T(key string, args ...map[string]any) string {
	var data map[string]any
	if len(args) > 0 {
		data = args[0]
	}
	return t.localize(&goi18n.LocalizeConfig{MessageID: key, TemplateData: data})
}

func (t *Translator) localize(cfg *goi18n.LocalizeConfig) string {
	s, err := t.loc.Localize(cfg)
	if err != nil {
		if s, err = t.fallback.Localize(cfg); err != nil {
			return cfg.MessageID
		}
	}
	return s
}

// N translates a key with plural forms (Russian has one, few, many, other) for n;
// {{.Count}} in the text is n.
func (t *Translator) N(key string, n int, args ...map[string]any) string {
	data := map[string]any{"Count": n}
	if len(args) > 0 {
		for k, v := range args[0] {
			data[k] = v
		}
	}
	return t.localize(&goi18n.LocalizeConfig{MessageID: key, TemplateData: data, PluralCount: n})
}

// Has reports whether key is translated in this language.
func (t *Translator) Has(key string) bool {
	_, err := t.loc.Localize(&goi18n.LocalizeConfig{MessageID: key})
	return err == nil
}

// Err is the text an administrator sees for an error: its translation key when it has
// one, else "Внутренняя ошибка" (the details go to the log, not on screen).
func (t *Translator) Err(err error) string {
	key, args := inbox.ErrorKey(err)
	return t.T(key, args)
}
