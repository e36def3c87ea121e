package conntest

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

// Translations describes a network's own translation files to CheckTranslations.
type Translations struct {
	// Dir is assets/translations as seen from the test's package.
	Dir string
	// Name is the network's files' name: Name.ru.json and Name.en.json.
	Name string
	// Sources are globs of the files whose translation keys count as used ("*.go");
	// _test.go files are skipped.
	Sources []string
	// Prefixes are the first segments of the keys to look for ("telegram", "health").
	Prefixes []string
	// Built are keys made at run time, which no source names whole, with where they are
	// made.
	Built map[string]string
	// MinUsed is how many keys the scan must find at least; fewer means it has gone
	// stale.
	MinUsed int
	// FieldsPrefix marks the keys whose texts may take template fields ("" none): a
	// health reason or a send failure is shown from its key alone, without arguments.
	FieldsPrefix string
}

// CheckTranslations checks a network's own translation files: every key its sources use
// has a text in Russian and English (in its files or in the shared ones), the two files
// have the same keys and no stale ones, texts are valid templates without fields (but
// those of FieldsPrefix), and no key overrides a text another file already defines (the
// last file loaded would win for every network).
func CheckTranslations(t *testing.T, tr Translations) {
	t.Helper()
	used := usedKeys(t, tr)
	for _, lang := range []string{"ru", "en"} {
		ownFile := tr.Name + "." + lang + ".json"
		own := readKeys(t, filepath.Join(tr.Dir, ownFile))
		others := map[string]string{}
		files, _ := filepath.Glob(filepath.Join(tr.Dir, "*."+lang+".json"))
		files = append(files, filepath.Join(tr.Dir, lang+".json"))
		for _, f := range files {
			if filepath.Base(f) == ownFile {
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
				t.Errorf("%s redefines %q from %s", ownFile, k, f)
			}
			if _, ok := used[k]; !ok {
				t.Errorf("%s: %q is not used", ownFile, k)
			}
			s, _ := v.(string)
			tmpl, err := template.New(k).Option("missingkey=error").Parse(s)
			if err != nil || strings.TrimSpace(s) == "" {
				t.Errorf("%s %q: %v", ownFile, k, err)
				continue
			}
			if tr.FieldsPrefix != "" && strings.HasPrefix(k, tr.FieldsPrefix) {
				continue
			}
			// No {{.Fields}}: an inbox.Health carries a reason key but no arguments, and
			// New's errors end up as health reasons (the connectors' manager).
			if err := tmpl.Execute(io.Discard, map[string]any{}); err != nil {
				t.Errorf("%s %q needs arguments it may not get: %v", ownFile, k, err)
			}
		}
	}
	ru := readKeys(t, filepath.Join(tr.Dir, tr.Name+".ru.json"))
	en := readKeys(t, filepath.Join(tr.Dir, tr.Name+".en.json"))
	if !slices.Equal(slices.Sorted(maps.Keys(ru)), slices.Sorted(maps.Keys(en))) {
		t.Errorf("%s.ru.json and %s.en.json have different keys", tr.Name, tr.Name)
	}
}

// usedKeys reads the translation keys the sources name, and adds the built ones.
func usedKeys(t *testing.T, tr Translations) map[string]string {
	t.Helper()
	quoted := make([]string, len(tr.Prefixes))
	for i, p := range tr.Prefixes {
		quoted[i] = regexp.QuoteMeta(p)
	}
	re := regexp.MustCompile(`"((?:` + strings.Join(quoted, "|") + `)\.[a-z_]+(?:\.[a-z_0-9]+)*)"`)
	var files []string
	for _, g := range tr.Sources {
		m, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
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
	maps.Copy(used, tr.Built)
	if len(used) < tr.MinUsed {
		t.Fatalf("found only %d keys: has the scan gone stale?", len(used))
	}
	return used
}

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
