package main

import (
	"fmt"
	"runtime"
)

// version and build match FyneApp.toml; a release build may set them with
// -ldflags "-X main.version=… -X main.build=…".
var (
	version = "0.1.0"
	build   = "1"
)

func runVersion(e *env, args []string) int {
	if code, ok := e.parse(e.flags("version"), args, false); !ok {
		return code
	}
	fmt.Fprintln(e.stdout, e.tr.T("version.line", map[string]any{"Version": version, "Build": build,
		"Go": runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH}))
	return exitOK
}
