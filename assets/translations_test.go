package assets

import (
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"salonchat/inbox"
)

// pluralForms lists the CLDR forms each language needs: without all of them fyne shows
// the English text for some numbers.
var pluralForms = map[string][]string{
	"ru": {"one", "few", "many", "other"},
	"en": {"one", "other"},
}

// readTranslations merges every "[part.]lang.json" file of a language, failing on a key
// that two files define.
func readTranslations(t *testing.T, lang string) map[string]any {
	t.Helper()
	files, err := fs.Glob(Translations, TranslationsDir+"/*.json")
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]any{}
	for _, f := range files {
		base := path.Base(f)
		if base != lang+".json" && !strings.HasSuffix(base, "."+lang+".json") {
			continue
		}
		data, err := Translations.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		for k, v := range m {
			if _, dup := all[k]; dup {
				t.Errorf("%s: key %q is defined in another %s file too", base, k, lang)
			}
			all[k] = v
		}
	}
	if len(all) == 0 {
		t.Fatalf("no %s translations", lang)
	}
	return all
}

func TestTranslations_SameKeys(t *testing.T) {
	ru, en := readTranslations(t, "ru"), readTranslations(t, "en")
	for k := range ru {
		if _, ok := en[k]; !ok {
			t.Errorf("key %q is translated into Russian but not English", k)
		}
	}
	for k := range en {
		if _, ok := ru[k]; !ok {
			t.Errorf("key %q is translated into English but not Russian", k)
		}
	}
}

func TestTranslations_Forms(t *testing.T) {
	for lang, forms := range pluralForms {
		for key, v := range readTranslations(t, lang) {
			texts := map[string]any{"": v}
			if m, ok := v.(map[string]any); ok {
				texts = m
				for _, f := range forms {
					if _, ok := m[f]; !ok {
						t.Errorf("%s %q: plural form %q missing", lang, key, f)
					}
				}
			}
			for form, text := range texts {
				s, ok := text.(string)
				if !ok || strings.TrimSpace(s) == "" {
					t.Errorf("%s %q %s: want a non-empty text, got %v", lang, key, form, text)
					continue
				}
				if _, err := template.New(key).Parse(s); err != nil {
					t.Errorf("%s %q %s: %v", lang, key, form, err)
				}
			}
		}
	}
}

// TestTranslations_CoverUsedKeys reads the keys the domain, the export and the command
// line use from their sources, so that a new key cannot reach an operator untranslated.
func TestTranslations_CoverUsedKeys(t *testing.T) {
	used := map[string]string{}
	keyLiteral := regexp.MustCompile(`"([a-z]+\.[a-z_]+)"`)
	scan(t, used, "../inbox/*.go", keyLiteral)
	scan(t, used, "../export/*.go", keyLiteral)
	scan(t, used, "../cmd/salonchat/*.go", regexp.MustCompile(`\.(?:T|N)\("([a-z_.]*[a-z_])"`))
	for _, n := range inbox.Networks { // "network." + name, built at run time
		used["network."+string(n)] = "network names"
	}
	if len(used) < 15 {
		t.Fatalf("found only %d keys in the sources: has the scan gone stale?", len(used))
	}
	for lang := range pluralForms {
		have := readTranslations(t, lang)
		for _, k := range slices.Sorted(maps.Keys(used)) {
			if _, ok := have[k]; !ok {
				t.Errorf("no %s translation of %q (used in %s)", lang, k, used[k])
			}
		}
	}
}

func scan(t *testing.T, used map[string]string, pattern string, re *regexp.Regexp) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = f
		}
	}
}

func TestIcon(t *testing.T) {
	if !strings.HasPrefix(string(Icon.Content()), "\x89PNG") {
		t.Fatal("icon.png is not a PNG")
	}
}
