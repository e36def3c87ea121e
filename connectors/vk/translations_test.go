package vk

import (
	"encoding/json"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"
)

const translationsDir = "../../assets/translations"

func readKeys(t *testing.T, file string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return m
}

// usedKeys reads the translation keys the package's sources name.
func usedKeys(t *testing.T) map[string]string {
	t.Helper()
	re := regexp.MustCompile(`"((?:vk|health|send)\.[a-z_]+(?:\.[a-z_]+)*)"`)
	files, _ := filepath.Glob("*.go")
	used := map[string]string{}
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
	if len(used) < 20 {
		t.Fatalf("found only %d keys: has the scan gone stale?", len(used))
	}
	return used
}

// TestTranslations checks the package's own translation files: every key the code uses
// has a text in Russian and English (here or in the shared files), the two files have
// the same keys and no stale ones, texts are valid templates without fields, and no key overrides a text another file already defines (the last file
// loaded would win for every network).
func TestTranslations(t *testing.T) {
	used := usedKeys(t)
	for _, lang := range []string{"ru", "en"} {
		own := readKeys(t, filepath.Join(translationsDir, "vk."+lang+".json"))
		others := map[string]string{}
		files, _ := filepath.Glob(filepath.Join(translationsDir, "*."+lang+".json"))
		files = append(files, filepath.Join(translationsDir, lang+".json"))
		for _, f := range files {
			if filepath.Base(f) == "vk."+lang+".json" {
				continue
			}
			for k := range readKeys(t, f) {
				others[k] = filepath.Base(f)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(used)) {
			if _, ok := own[k]; !ok && others[k] == "" {
				t.Errorf("%s: no text for %q (used in %s)", lang, k, used[k])
			}
		}
		for k, v := range own {
			if f := others[k]; f != "" {
				t.Errorf("vk.%s.json redefines %q from %s", lang, k, f)
			}
			if _, ok := used[k]; !ok {
				t.Errorf("vk.%s.json: %q is not used", lang, k)
			}
			s, _ := v.(string)
			tmpl, err := template.New(k).Option("missingkey=error").Parse(s)
			if err != nil || strings.TrimSpace(s) == "" {
				t.Errorf("vk.%s.json %q: %v", lang, k, err)
				continue
			}
			// No {{.Fields}}: an inbox.Health carries a reason key but no arguments, and
			// New's errors end up as health reasons (the connectors' manager).
			if err := tmpl.Execute(io.Discard, map[string]any{}); err != nil {
				t.Errorf("vk.%s.json %q needs arguments it may not get: %v", lang, k, err)
			}
		}
	}
	ru := readKeys(t, filepath.Join(translationsDir, "vk.ru.json"))
	en := readKeys(t, filepath.Join(translationsDir, "vk.en.json"))
	if !slices.Equal(slices.Sorted(maps.Keys(ru)), slices.Sorted(maps.Keys(en))) {
		t.Errorf("vk.ru.json and vk.en.json have different keys")
	}
}
