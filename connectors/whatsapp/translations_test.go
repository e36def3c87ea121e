package whatsapp

import (
	"encoding/json"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template"
)

const translationsDir = "../../assets/translations"

// cliFile is the command line's WhatsApp linking, whose texts live in whatsapp.*.json.
const cliFile = "../../cmd/salonchat/accounts_whatsapp.go"

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

// usedKeys reads the translation keys the package's sources and the command line's
// linking name, and the temporary-ban reasons built at run time.
func usedKeys(t *testing.T) map[string]string {
	t.Helper()
	re := regexp.MustCompile(`"((?:whatsapp|send)\.[a-z_]+(?:\.[a-z_0-9]+)*)"`)
	files, _ := filepath.Glob("*.go")
	if _, err := os.Stat(cliFile); err == nil {
		files = append(files, cliFile)
	}
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
	for code := range tempBanCodes {
		used[reasonTempBan+"."+strconv.Itoa(int(code))] = "health.go (built at run time)"
	}
	if len(used) < 30 {
		t.Fatalf("found only %d keys: has the scan gone stale?", len(used))
	}
	return used
}

// TestTranslations checks the package's own translation files: every key the code uses
// has a text in Russian and English (here or in the shared files), the two files have
// the same keys and no stale ones, texts are valid templates, no key overrides another
// file's, and only the command line's texts take fields (a health reason or a send
// failure is shown from its key alone).
func TestTranslations(t *testing.T) {
	used := usedKeys(t)
	for _, lang := range []string{"ru", "en"} {
		own := readKeys(t, filepath.Join(translationsDir, "whatsapp."+lang+".json"))
		others := map[string]string{}
		files, _ := filepath.Glob(filepath.Join(translationsDir, "*."+lang+".json"))
		files = append(files, filepath.Join(translationsDir, lang+".json"))
		for _, f := range files {
			if filepath.Base(f) == "whatsapp."+lang+".json" {
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
				t.Errorf("whatsapp.%s.json redefines %q from %s", lang, k, f)
			}
			if _, ok := used[k]; !ok {
				t.Errorf("whatsapp.%s.json: %q is not used", lang, k)
			}
			s, _ := v.(string)
			tmpl, err := template.New(k).Option("missingkey=error").Parse(s)
			if err != nil || strings.TrimSpace(s) == "" {
				t.Errorf("whatsapp.%s.json %q: %v", lang, k, err)
				continue
			}
			if strings.HasPrefix(k, "whatsapp.cli.") {
				continue
			}
			if err := tmpl.Execute(io.Discard, map[string]any{}); err != nil {
				t.Errorf("whatsapp.%s.json %q needs arguments it will not get: %v", lang, k, err)
			}
		}
	}
	ru := readKeys(t, filepath.Join(translationsDir, "whatsapp.ru.json"))
	en := readKeys(t, filepath.Join(translationsDir, "whatsapp.en.json"))
	if !slices.Equal(slices.Sorted(maps.Keys(ru)), slices.Sorted(maps.Keys(en))) {
		t.Errorf("whatsapp.ru.json and whatsapp.en.json have different keys")
	}
}
