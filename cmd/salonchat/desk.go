package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"salonchat/backup"
	"salonchat/connectors"
	"salonchat/connectors/whatsapp"
	"salonchat/demo"
	"salonchat/inbox"
	"salonchat/storage"
	"salonchat/support"
	"salonchat/ui"
)

// demoSeed makes every demo salon the same story.
const demoSeed = 1

// demoDir is the demo salon's own data folder, next to the salon's: "SalonChat-demo"
// beside "SalonChat". Not inside it, so that the salon's backups and support reports
// never carry made-up clients, and deleting one folder leaves the other alone.
func demoDir(dataDir string) string { return filepath.Clean(dataDir) + "-demo" }

// desk is the window side of SalonChat: one data folder open at a time — the salon's
// own or the demo salon's — switched without restarting the program.
type desk struct {
	e       *env
	app     fyne.App
	tray    ui.Tray      // nil: no tray on this desktop
	auto    ui.Autostart // nil: no autostart on this system
	cur     *session
	closing sync.WaitGroup // sessions left behind by a switch, still closing
	// switching is true while a switch opens its store (UI goroutine only).
	switching bool
	// beforeWidgets, when set, is waited for once before the first window's widgets are
	// built (quickStart's fonts).
	beforeWidgets func()
}

// session is one open data folder: its store, the Service's background work, the
// connectors (none in the demo) and the window.
type session struct {
	store  *storage.Store
	ui     *ui.UI
	mgr    *connectors.Manager // nil in the demo: its accounts are made up
	cancel context.CancelFunc
	done   chan struct{} // closed when the Service's Run returns
	// waitBackups returns once the backup scheduler has stopped (nil in the demo: its
	// data is made up and can be made again).
	waitBackups func()
	log         *slog.Logger
	stopOnce    sync.Once // a restore stops the session early; quitting then must not stop it twice
}

// open opens a data folder with its window, not yet shown.
func (d *desk) open(isDemo bool) (*session, error) {
	store, err := d.openStore(isDemo)
	if err != nil {
		return nil, err
	}
	s, err := d.start(d.config(isDemo), store, isDemo)
	if err != nil {
		store.Close()
		return nil, err
	}
	return s, nil
}

// config is the configuration of the salon's folder or of the demo salon's.
func (d *desk) config(isDemo bool) Config {
	cfg := d.e.cfg
	if isDemo {
		cfg.DataDir = demoDir(cfg.DataDir)
	}
	return cfg
}

// openStore opens the store of a data folder; the demo folder is filled with the demo
// salon the first time, which takes seconds.
func (d *desk) openStore(isDemo bool) (*storage.Store, error) {
	store, err := openStore(d.config(isDemo))
	if err != nil || !isDemo {
		return store, err
	}
	if err := fillDemo(store); err != nil {
		store.Close()
		return nil, err
	}
	return store, nil
}

// fillDemo puts the demo salon into an empty demo store, and leaves one that was
// filled before (with whatever the administrator tried in it) as it is.
func fillDemo(store *storage.Store) error {
	full, err := hasData(store)
	if err != nil || full {
		return err
	}
	return demo.Salon(store, time.Now(), demoSeed)
}

// start builds the Service, the connectors and the window over an open store.
func (d *desk) start(cfg Config, store *storage.Store, isDemo bool) (*session, error) {
	log := d.e.log.With("demo", isDemo)
	nets := networks(cfg, log)
	svc := service(store, nets, log)
	tr, err := uiTranslator(ui.Language(d.app, systemLocale()))
	if err != nil {
		return nil, err
	}
	v, err := readVersion()
	if err != nil {
		return nil, err
	}
	opts := ui.Options{DataDir: cfg.DataDir, Demo: isDemo, Translations: uiTranslator, Log: log, Networks: nets,
		Tray: d.tray, Quit: d.app.Quit, Autostart: d.auto, SwitchDemo: d.switchTo, Version: v.String(),
		Report: support.Report{App: d.e.supportVersion(), DataDir: cfg.DataDir, Store: store}}
	s := &session{store: store, done: make(chan struct{}), log: log}
	var backups *backup.Scheduler
	if !isDemo {
		backups = backup.New(store, backup.Options{DataDir: cfg.DataDir, Log: log.With("part", "backup")})
		opts.Backups = backups
		opts.Restore = d.restore
		s.mgr = connectors.NewManager(svc, nets, log)
		opts.WhatsAppLinking = whatsapp.NewLinking(whatsapp.Options{DataDir: cfg.DataDir, Log: log, FetchVersion: true})
		opts.NumberChecker = s.mgr.NumberChecker
	}
	if d.beforeWidgets != nil {
		d.beforeWidgets()
		d.beforeWidgets = nil
	}
	if s.ui, err = ui.New(d.app, svc, tr, opts); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	if s.mgr != nil {
		if err := s.mgr.Start(ctx); err != nil {
			cancel()
			s.ui.Close()
			return nil, err
		}
	}
	go func() { defer close(s.done); svc.Run(ctx, postponeCheck) }()
	if backups != nil {
		s.waitBackups = goRun(ctx, backups.Run)
	}
	return s, nil
}

// switchTo opens the demo salon or goes back to the salon's own data. Called on the
// UI goroutine, it opens (and perhaps fills) the store on another one, then swaps the
// windows on the UI goroutine and calls done there. The new window is shown before
// the old one closes, so the program never has no window (Fyne would quit); the old
// store and connectors close in the background, and quitting waits for them.
func (d *desk) switchTo(isDemo bool, done func(error)) {
	if d.switching {
		return // a second click while the first switch runs
	}
	d.switching = true
	d.closing.Add(1) // quitting now waits for the store being opened
	go func() {
		defer d.closing.Done()
		store, err := d.openStore(isDemo)
		fyne.Do(func() {
			d.switching = false
			if err == nil {
				err = d.swap(store, isDemo)
			}
			if err != nil {
				err = &inbox.Error{Code: inbox.CodeUnavailable, Key: "demo.switch_failed",
					Args: map[string]any{"Dir": d.config(isDemo).DataDir}, Err: err}
			}
			done(err)
		})
	}()
}

// swap replaces the current session with one over store, on the UI goroutine.
func (d *desk) swap(store *storage.Store, isDemo bool) error {
	if d.cur == nil { // quit while the store was opening
		store.Close()
		return nil
	}
	old := d.cur
	if err := d.replace(old, store, isDemo); err != nil {
		return err
	}
	d.closing.Add(1)
	go func() {
		defer d.closing.Done()
		old.stop()
	}()
	return nil
}

// replace starts a session over store and shows its window in the place of old's, on
// the UI goroutine. The new window is shown before the old one closes, so the program
// never has no window (Fyne would quit); old's work is left for the caller to stop.
func (d *desk) replace(old *session, store *storage.Store, isDemo bool) error {
	next, err := d.start(d.config(isDemo), store, isDemo)
	if err != nil {
		store.Close()
		return err
	}
	d.cur = next
	old.ui.Close() // no more events applied to the old window
	next.ui.Continue()
	old.ui.CloseWindows()
	return nil
}

// close stops the current session and waits for any still closing.
func (d *desk) close() {
	if d.cur != nil {
		d.cur.ui.Close()
		d.cur.stop()
		d.cur = nil
	}
	d.closing.Wait()
}

// stop ends a session's background work and closes its store. The window's live
// updates must have been stopped (UI.Close) first. A second call waits for the first.
func (s *session) stop() { s.stopOnce.Do(s.stopNow) }

func (s *session) stopNow() {
	s.cancel()
	if s.mgr != nil {
		s.mgr.Close()
	}
	<-s.done
	if s.waitBackups != nil {
		s.waitBackups() // a backup in progress finishes before the store closes
	}
	if err := s.store.Close(); err != nil {
		s.log.Error("close store", "err", err)
	}
}
