package connectors_test

import (
	"os/exec"
	"strings"
	"testing"
)

// networks are the network packages under connectors/.
var networks = []string{"telegram", "vk", "whatsapp"}

// Network packages share code through connectors/internal, never by importing each
// other, and the shared packages import no network package: a change to one network
// cannot break another.
func TestDeps(t *testing.T) {
	for _, pkg := range append(networks, "internal/...") {
		out, err := exec.Command("go", "list", "-deps", "salonchat/connectors/"+pkg).CombinedOutput()
		if err != nil {
			t.Skipf("go list unavailable: %v\n%s", err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, n := range networks {
				other := "salonchat/connectors/" + n
				if n != pkg && (dep == other || strings.HasPrefix(dep, other+"/")) {
					t.Errorf("connectors/%s depends on %s", pkg, dep)
				}
			}
		}
	}
}
