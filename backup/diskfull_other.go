//go:build !windows

package backup

import (
	"errors"
	"syscall"
)

// diskFull reports whether err says the disk has no room left.
func diskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}
