package assets

import (
	"os"
	"regexp"
	"testing"
)

func TestReadApp(t *testing.T) {
	a, err := ReadApp()
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "SalonChat" || a.ID != "ru.salonchat.app" {
		t.Errorf("ReadApp() = %+v; want SalonChat, ru.salonchat.app", a)
	}
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(a.Version) || a.Build < 1 {
		t.Errorf("ReadApp() version %q build %d; want x.y.z and a build from 1 (Windows version info needs both)", a.Version, a.Build)
	}
	// The Makefile reads the version with sed: it must find the same line.
	data, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]*)"`).FindSubmatch(data)
	if m == nil || string(m[1]) != a.Version {
		t.Errorf("the Makefile's pattern finds %q in FyneApp.toml; ReadApp says %q", m, a.Version)
	}
}
