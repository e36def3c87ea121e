package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"salonchat/inbox"
)

// TestDialog_TranslationsCoverKeys reads the keys the centre uses from its sources, plus
// the families it builds at run time, and checks that Russian and English both have them.
func TestDialog_TranslationsCoverKeys(t *testing.T) {
	keys := map[string]bool{"health.unknown": true, "health.logged_out": true}
	re := regexp.MustCompile(`T\("([a-z_.]+[a-z_])"`)
	for _, pattern := range []string{"dialog*.go", "timeline*.go", "composer*.go", "emoji*.go", "templates_picker*.go"} {
		files, err := filepath.Glob(pattern)
		must(t, err)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			must(t, err)
			for _, m := range re.FindAllStringSubmatch(string(src), -1) {
				keys[m[1]] = true
			}
		}
	}
	scanned := len(keys)
	for _, n := range inbox.Networks {
		keys["network."+string(n)] = true
	}
	for m := 1; m <= 12; m++ {
		keys[fmt.Sprintf("dialog.month.%d", m)] = true
	}
	for _, k := range []inbox.SystemKind{inbox.SysTaken, inbox.SysAssigned, inbox.SysClosed, inbox.SysPostponed, inbox.SysReturned, inbox.SysClientSet, inbox.SysMessagesAllowed, inbox.SysMessagesDenied} {
		keys["dialog.sys."+string(k)] = true
	}
	if scanned < 60 {
		t.Fatalf("found only %d keys: has the scan gone stale?", scanned)
	}
	requireTranslated(t, keys, 60)
}
