package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"salonchat/inbox"
)

// settle is how long the live loop waits for more events before applying a burst, so
// that a backlog of hundreds of messages repaints the list a few times, not hundreds.
const settle = 30 * time.Millisecond

// live keeps the window in step with the Service: one goroutine reads the events,
// merges bursts and applies them on the UI goroutine with fyne.Do.
type live struct {
	u    *UI
	sub  *inbox.Subscription
	stop chan struct{}
	done chan struct{}
	// focused tracks whether the window has focus; notifications only go out when not.
	focused bool
	running bool // a goroutine applies the events (false: pumped by tests)
}

// startLive subscribes to the Service and starts applying its events.
func (u *UI) startLive() {
	l := u.subscribe()
	l.running = true
	go l.run()
}

// subscribe follows the Service's events without a goroutine yet: tests pump them on
// their own goroutine (Fyne's test driver runs fyne.Do on the caller's goroutine, so a
// live goroutine would touch widgets while the test reads them).
func (u *UI) subscribe() *live {
	l := &live{u: u, sub: u.svc.Subscribe(1024), stop: make(chan struct{}), done: make(chan struct{}), focused: true}
	u.live = l
	lc := u.app.Lifecycle()
	lc.SetOnEnteredForeground(func() { l.focused = true })
	lc.SetOnExitedForeground(func() { l.focused = false })
	return l
}

// pump applies the events waiting now, on the caller's goroutine, and reports whether
// there were any.
func (l *live) pump() bool {
	var batch []inbox.Event
	reload := false
	for {
		select {
		case ev := <-l.sub.Events():
			batch = append(batch, ev)
			continue
		case <-l.sub.Missed():
			reload = true
			continue
		default:
		}
		break
	}
	if len(batch) == 0 && !reload {
		return false
	}
	l.apply(batch, reload)
	return true
}

// Close stops the live updates and waits for their goroutine.
func (u *UI) Close() {
	if u.live == nil {
		return
	}
	if u.live.running {
		close(u.live.stop)
		<-u.live.done
	}
	u.live.sub.Close()
	u.live = nil
}

// tick is how often the window refreshes with no events, so that "ждёт 25 мин" keeps
// counting while nothing happens.
const tick = time.Minute

func (l *live) run() {
	defer close(l.done)
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	for {
		var batch []inbox.Event
		reload := false
		select {
		case <-l.stop:
			return
		case <-ticker.C:
			fyne.Do(func() { l.apply(nil, false) })
			continue
		case ev := <-l.sub.Events():
			batch = append(batch, ev)
		case <-l.sub.Missed():
			reload = true
		}
		batch, reload = l.collect(batch, reload)
		fyne.Do(func() { l.apply(batch, reload) })
	}
}

// collect gathers the events that arrive while a burst lasts.
func (l *live) collect(batch []inbox.Event, reload bool) ([]inbox.Event, bool) {
	t := time.NewTimer(settle)
	defer t.Stop()
	for {
		select {
		case ev := <-l.sub.Events():
			batch = append(batch, ev)
		case <-l.sub.Missed():
			reload = true
		case <-t.C:
			return batch, reload
		case <-l.stop:
			return batch, reload
		}
	}
}

// apply updates every part of the window for a burst of events. It runs on the UI
// goroutine.
func (l *live) apply(batch []inbox.Event, reload bool) {
	u := l.u
	if u.live != l {
		return // queued before Close: the window and its store are gone
	}
	accounts, inbound := reload, false
	for _, ev := range batch {
		switch ev.Kind {
		case inbox.EventAccount:
			accounts = true
		case inbox.EventMessage:
			inbound = inbound || ev.Inbound
		}
	}
	if accounts {
		if err := u.loadAccounts(); err != nil {
			u.log.Error("reload accounts", "err", err)
		}
	}
	u.chats.refresh()
	u.dialog.update(batch, reload || accounts)
	u.client.update(batch, reload)
	u.updateTitle()
	if inbound && !l.focused {
		u.notifyInbound(batch)
	}
}

// notifyInbound announces a client's message on the desktop. The text is fixed — no
// client name or message — because on Windows notifications pass through a script whose
// escaping client text could break (see LIBRARIES.md).
func (u *UI) notifyInbound(batch []inbox.Event) {
	network := ""
	for _, ev := range batch {
		if ev.Kind == inbox.EventMessage && ev.Inbound {
			if c, err := u.svc.Chat(ev.Chat); err == nil {
				network = string(c.Network)
			}
		}
	}
	u.app.SendNotification(fyne.NewNotification(u.tr.T("notify.title"), u.tr.T("notify.new_message."+network)))
}

// updateTitle puts the number of unanswered dialogs in the window title, so it shows in
// the taskbar even when the window is covered, and in the tray menu.
func (u *UI) updateTitle() {
	title := "SalonChat"
	if u.opts.Demo {
		title += " — " + u.tr.T("title.demo")
	}
	n := u.unanswered()
	if n > 0 {
		title = "(" + itoa(n) + ") " + title
	}
	if u.me.Name != "" {
		title += " — " + u.me.Name
	}
	u.win.SetTitle(title)
	u.updateTray(n)
}
