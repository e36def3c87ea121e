package ui

import (
	"fyne.io/fyne/v2"

	"salonchat/inbox"
)

// accountsLive keeps "Внешние системы" in step with the Service (a connector reporting
// that its token was revoked turns the row red while the window is open) and runs the
// window's network calls off the UI goroutine. It is the window's own follower rather
// than part of the main window's live loop, and it ends when the window closes.
type accountsLive struct {
	w   *accountsWindow
	sub *inbox.Subscription
	// pumped: no goroutine applies anything; the caller's goroutine does, in pump. The
	// main window's fixture runs that way (see UI.subscribe), because Fyne's test driver
	// runs fyne.Do on the calling goroutine and would race with the test reading widgets.
	pumped  bool
	results chan func()
	quit    chan struct{}
	done    chan struct{}
}

func (w *accountsWindow) follow() *accountsLive {
	l := &accountsLive{w: w, sub: w.u.svc.Subscribe(64), results: make(chan func(), 16),
		quit: make(chan struct{}), done: make(chan struct{})}
	// Without a running live loop (tests, a screenshot) nothing may touch widgets from
	// another goroutine: events are pumped by whoever drives the window.
	l.pumped = w.u.live == nil || !w.u.live.running
	if l.pumped {
		close(l.done)
		return l
	}
	go l.run()
	return l
}

func (l *accountsLive) run() {
	defer close(l.done)
	for {
		select {
		case <-l.quit:
			return
		case ev := <-l.sub.Events():
			if ev.Kind == inbox.EventAccount {
				fyne.Do(l.w.refresh)
			}
		case <-l.sub.Missed():
			fyne.Do(l.w.refresh)
		}
	}
}

// stop ends the follower and waits for it. fyne.Do does not wait for the UI goroutine,
// so calling stop there cannot deadlock.
func (l *accountsLive) stop() {
	close(l.quit)
	<-l.done
	l.sub.Close()
}

// background runs work off the UI goroutine (it may wait for the network) and then
// applies, on the UI goroutine, the function work returned.
func (l *accountsLive) background(work func() func()) {
	go func() {
		apply := work()
		if l.pumped {
			l.results <- apply
			return
		}
		fyne.Do(apply)
	}()
}

// pump applies, on the caller's goroutine, the account events and background results
// waiting now, and reports whether there were any. Only the pumped mode needs it.
func (l *accountsLive) pump() bool {
	applied, changed := false, false
	for {
		select {
		case ev := <-l.sub.Events():
			changed = changed || ev.Kind == inbox.EventAccount
			continue
		case <-l.sub.Missed():
			changed = true
			continue
		case apply := <-l.results:
			apply()
			applied = true
			continue
		default:
		}
		break
	}
	if changed {
		l.w.refresh()
	}
	return applied || changed
}
