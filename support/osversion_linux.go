package support

import (
	"bufio"
	"os"
	"strings"
)

// osVersion is the distribution's name from /etc/os-release ("Debian GNU/Linux 12
// (bookworm)"), "" when the file is missing.
func osVersion() string {
	f, err := os.Open("/etc/os-release")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "PRETTY_NAME="); ok {
			return strings.Trim(v, `"'`)
		}
	}
	return ""
}
