//go:build !linux && !windows

package autostart

func enable(Entry) error          { return ErrUnsupported }
func disable(Entry) error         { return nil }
func enabled(Entry) (bool, error) { return false, nil }
