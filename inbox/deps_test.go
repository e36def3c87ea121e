package inbox_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The domain must not depend on a UI toolkit, a database or a network SDK: those are
// adapters around it (see ARCHITECTURE.md).
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "salonchat/inbox").CombinedOutput()
	if err != nil {
		t.Skipf("go list unavailable: %v\n%s", err, out)
	}
	forbidden := []string{"fyne.io/", "go.etcd.io/bbolt", "github.com/go-telegram/", "go.mau.fi/whatsmeow", "github.com/SevereCloud/vksdk", "modernc.org/sqlite"}
	for _, dep := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if strings.HasPrefix(dep, f) {
				t.Errorf("inbox depends on %s", dep)
			}
		}
	}
}
