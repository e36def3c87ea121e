package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"salonchat/connectors/whatsapp"
)

// followLink runs a linking off the UI goroutine: open asks WhatsApp for it (which may
// take seconds), then each of its events reaches on, on the UI goroutine, the way
// background results do. A linked number is saved by save before on hears of it (see
// waSaver). It ends when the linking's channel closes or ctx ends.
func (l *accountsLive) followLink(ctx context.Context, open func() (<-chan whatsapp.LinkEvent, error),
	save func(whatsapp.LinkEvent) error, on func(whatsapp.LinkEvent, error)) {
	go func() {
		events, err := open()
		if err != nil {
			ev := whatsapp.LinkEvent{Kind: whatsapp.LinkError, Err: err}
			l.deliver(ctx, func() { on(ev, nil) })
			return
		}
		for {
			var ev whatsapp.LinkEvent
			ok := false
			select {
			case <-ctx.Done():
				return
			case ev, ok = <-events:
			}
			if !ok {
				return
			}
			var saveErr error
			if ev.Kind == whatsapp.LinkSuccess {
				saveErr = save(ev)
			}
			l.deliver(ctx, func() { on(ev, saveErr) })
		}
	}()
}

// deliver applies fn on the UI goroutine: through fyne.Do while the window's follower
// runs, else queued for pump. It gives up once ctx ends, when nobody may pump any more.
func (l *accountsLive) deliver(ctx context.Context, fn func()) {
	if !l.pumped {
		fyne.Do(fn)
		return
	}
	select {
	case l.results <- fn:
	case <-ctx.Done():
	}
}
