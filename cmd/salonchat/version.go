package main

import (
	"fmt"
	"runtime"

	"salonchat/assets"
)

// commit is the source revision (`git describe`), set by the Makefile with
// -ldflags "-X main.commit=…"; empty in a plain `go build`.
var commit string

// appVersion is this program's version as FyneApp.toml gives it (the one place it is
// written), with the build number and, when known, the commit.
type appVersion struct {
	Version, Build, Commit string
}

func readVersion() (appVersion, error) {
	a, err := assets.ReadApp()
	if err != nil {
		return appVersion{}, err
	}
	return appVersion{Version: a.Version, Build: fmt.Sprint(a.Build), Commit: commit}, nil
}

// build is the build number followed by the commit when there is one: "1" or "1, 3f2a9c1".
func (v appVersion) build() string {
	if v.Commit == "" {
		return v.Build
	}
	return v.Build + ", " + v.Commit
}

// String is the version as the About box shows it: "0.1.0 (1, 3f2a9c1)".
func (v appVersion) String() string { return v.Version + " (" + v.build() + ")" }

func runVersion(e *env, args []string) int {
	if code, ok := e.parse(e.flags("version"), args, false); !ok {
		return code
	}
	v, err := readVersion()
	if err != nil {
		return e.fail("version", err)
	}
	fmt.Fprintln(e.stdout, e.tr.T("version.line", map[string]any{"Version": v.Version, "Build": v.build(),
		"Go": runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH}))
	return exitOK
}
