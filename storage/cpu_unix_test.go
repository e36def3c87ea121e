//go:build unix

package storage_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process used so far (user + system, all threads). The
// benchmarks report it per operation beside wall time: on a shared 2-core machine wall
// time also counts other processes' turns.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
