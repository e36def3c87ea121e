package support

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// osVersion is Windows' own version number ("10.0.22631": Windows 11 23H2), read with
// RtlGetVersion, which unlike GetVersionEx does not lie to programs without a
// compatibility manifest.
func osVersion() string {
	v := windows.RtlGetVersion()
	return fmt.Sprintf("%d.%d.%d", v.MajorVersion, v.MinorVersion, v.BuildNumber)
}
