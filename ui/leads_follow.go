package ui

import (
	"sync"

	"fyne.io/fyne/v2"

	"salonchat/inbox"
)

// leadFollower calls back when leads change, on the UI goroutine. In the running app a
// goroutine reads the subscription; under tests (no live goroutine) pump applies it,
// since Fyne's test driver runs fyne.Do on the caller's goroutine.
type leadFollower struct {
	sub     *inbox.Subscription
	changed func()
	stop    chan struct{}
	once    sync.Once
}

func (u *UI) followLeads(changed func()) *leadFollower {
	f := &leadFollower{sub: u.svc.Subscribe(256), changed: changed, stop: make(chan struct{})}
	if u.live != nil && u.live.running {
		go f.run()
	}
	return f
}

func (f *leadFollower) run() {
	for {
		select {
		case <-f.stop:
			return
		case ev := <-f.sub.Events():
			if ev.Kind == inbox.EventLead {
				fyne.Do(f.changed)
			}
		case <-f.sub.Missed():
			fyne.Do(f.changed)
		}
	}
}

// pump applies what is waiting, for tests.
func (f *leadFollower) pump() {
	for {
		select {
		case ev := <-f.sub.Events():
			if ev.Kind == inbox.EventLead {
				f.changed()
			}
		default:
			return
		}
	}
}

// close ends the subscription (Close does not close its channel) and the goroutine.
func (f *leadFollower) close() {
	f.once.Do(func() {
		f.sub.Close()
		close(f.stop)
	})
}
