package support

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// App is the program's own version, as FyneApp.toml and the build give it.
type App struct {
	Version string `json:"version"`
	Build   string `json:"build"`
	Commit  string `json:"commit,omitempty"`
}

// Versions is the versions.json entry of a report.
type Versions struct {
	App       App    `json:"app"`
	Go        string `json:"go"`
	OS        string `json:"os"`
	Arch      string `json:"arch"`
	OSVersion string `json:"os_version,omitempty"`
	Fyne      string `json:"fyne,omitempty"`
}

func versions(app App) Versions {
	info, _ := debug.ReadBuildInfo()
	return Versions{App: app, Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH,
		OSVersion: osVersion(), Fyne: moduleVersion(info, "fyne.io/fyne/v2")}
}

// moduleVersion is the version of a module linked into the binary info describes, ""
// when it is not (or info is nil). Test binaries list no modules.
func moduleVersion(info *debug.BuildInfo, path string) string {
	if info == nil {
		return ""
	}
	for _, m := range info.Deps {
		if m.Path == path {
			if m.Replace != nil {
				return strings.TrimSpace(m.Version + " => " + m.Replace.Path + " " + m.Replace.Version)
			}
			return m.Version
		}
	}
	return ""
}
