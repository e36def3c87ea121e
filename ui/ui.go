// Package ui is SalonChat's Fyne interface: the messenger window in three parts — the
// chat list (chatlist.go), the dialog with its composer (dialog.go, timeline.go,
// composer.go) and the client panel (clientpanel.go) — plus the pieces around them.
// It talks only to inbox.Service and its events; nothing here touches the store or a
// network directly.
package ui

import (
	"io"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"salonchat/backup"
	"salonchat/connectors"
	"salonchat/connectors/whatsapp"
	"salonchat/i18n"
	"salonchat/inbox"
)

// Options configures the messenger window.
type Options struct {
	// DataDir is the data folder (shown in settings, where received files live).
	DataDir string
	// Demo marks a demo data folder in the title bar.
	Demo bool
	// Translations loads a Translator for a language; used when the language changes.
	Translations func(lang string) (*i18n.Translator, error)
	Log          *slog.Logger
	// Networks are the messengers that can be connected in "Внешние системы".
	Networks connectors.Registry
	// NumberChecker finds the running connector of an account that can tell whether a
	// phone number is on its network (WhatsApp), before a new conversation; nil: none.
	NumberChecker func(inbox.AccountID) (inbox.NumberChecker, bool)
	// Tray shows SalonChat in the system tray; nil (no tray on this desktop): closing
	// the window quits.
	Tray Tray
	// Quit stops SalonChat (Выход); nil: the app's Quit.
	Quit func()
	// Autostart switches starting with the system login in Настройки → Общие; nil: not
	// offered on this system.
	Autostart Autostart
	// SwitchDemo opens the demo salon (true) or goes back to the salon's own data
	// (false); nil: the demo salon is not offered. Called on the UI goroutine, it
	// returns at once and calls done there when finished (filling a new demo folder
	// takes seconds): on success this window has been replaced by a new one; on
	// failure this window stays and shows the error.
	SwitchDemo func(demo bool, done func(error))
	// WhatsAppLinking links a WhatsApp number by QR or phone code in "Внешние системы";
	// without it (QR nil) a WhatsApp account gets the ordinary settings form.
	WhatsAppLinking whatsapp.Linking
	// Restore replaces the data folder's data with the backup at path, keeping the
	// replaced data (see backup.Restore); nil: the backups window offers only the
	// command line. Called on the UI goroutine, it returns at once; the store must be
	// closed first, so the work goes on elsewhere while this window waits. When the
	// folder is open again, a new window replaces this one and tells how it went
	// (UI.Restored), and done is called on the UI goroutine with nil; with an error
	// when nothing could be done or the data could not be opened again, and this
	// window stays to show it.
	Restore func(path string, done func(error))
	// Backups makes and keeps the data folder's backups (Настройки → Резервные копии);
	// nil: no backups section.
	Backups *backup.Scheduler
	// Version is the program's version as Справка → О программе shows it.
	Version string
	// Report writes the support report for Справка → Сохранить отчёт; nil: no such
	// menu item.
	Report Reporter
}

// Reporter writes the support report (support.Report).
type Reporter interface {
	// FileName is the name to offer for a report made on day.
	FileName(day time.Time) string
	// Write writes the report, a zip, to w. It blocks for as long as counting the
	// store's records takes (seconds on a large store): call it off the UI goroutine.
	Write(w io.Writer) error
}

// UI is the messenger window and the state its parts share.
type UI struct {
	app  fyne.App
	win  fyne.Window
	svc  *inbox.Service
	tr   *i18n.Translator
	opts Options
	log  *slog.Logger

	// me is the operator working at the keyboard now ("Мои" means them).
	me inbox.Operator
	// accounts is a copy of every account, refreshed on EventAccount, so that rows and
	// headers can show the "!" badge without a store read each.
	accounts map[inbox.AccountID]inbox.Account
	// conns are the accounts' Telegram Business connections, cached the same way for
	// the rows and headers of chats that came through them (see business.go).
	conns map[inbox.AccountID]map[inbox.ConnectionID]inbox.Connection

	chats  *chatList
	dialog *dialogView
	client *clientPanel
	live   *live

	// trayLabel is the count shown in the tray menu now, so that the menu is rebuilt
	// only when it changes.
	trayLabel string
	// wizard is the first-run wizard while it is shown.
	wizard *wizard
}

// New builds the messenger window; Start shows it.
func New(a fyne.App, svc *inbox.Service, tr *i18n.Translator, opts Options) (*UI, error) {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	u := &UI{app: a, svc: svc, tr: tr, opts: opts, log: opts.Log}
	if err := u.loadAccounts(); err != nil {
		return nil, err
	}
	u.win = a.NewWindow("SalonChat")
	u.win.Resize(fyne.NewSize(1366, 740))
	u.build()
	u.setupTray()
	return u, nil
}

// build makes the window's content and menu in the current language.
func (u *UI) build() {
	u.chats = newChatList(u)
	u.dialog = newDialogView(u)
	u.client = newClientPanel(u)
	right := container.NewHSplit(u.dialog.view(), u.client.view())
	right.Offset = 0.7
	split := container.NewHSplit(u.chats.view(), right)
	split.Offset = 0.3
	u.win.SetContent(split)
	u.win.SetMainMenu(u.mainMenu())
	u.updateTitle()
}

// CloseWindows closes the messenger window and the Внешние системы window it opened,
// when SalonChat switches to another data folder. Call Close first.
func (u *UI) CloseWindows() {
	if w := u.openAccounts(); w != nil {
		w.win.Close()
	}
	u.win.Close()
}

// Window is the messenger window.
func (u *UI) Window() fyne.Window { return u.win }

// Operator is who is working now.
func (u *UI) Operator() inbox.Operator { return u.me }

// openDialog shows a dialog in the centre and its client on the right.
func (u *UI) openDialog(id inbox.DialogID) {
	row, err := u.svc.Row(id)
	if err != nil {
		u.showError(err)
		return
	}
	u.chats.selectDialog(id)
	u.dialog.show(row)
	u.client.show(row.Chat.ID)
	if row.Dialog.Unread > 0 {
		if err := u.svc.MarkRead(id); err != nil {
			u.log.Error("mark read", "dialog", id, "err", err)
		}
	}
}

// account returns the cached account of id.
func (u *UI) account(id inbox.AccountID) inbox.Account { return u.accounts[id] }

func (u *UI) loadAccounts() error {
	as, err := u.svc.Accounts()
	if err != nil {
		return err
	}
	u.accounts = make(map[inbox.AccountID]inbox.Account, len(as))
	for _, a := range as {
		u.accounts[a.ID] = a
	}
	return u.loadConnections()
}

// background runs work off the UI goroutine and applies what it returns on it. Without
// a running live loop (tests, screenshots) both run here and now: Fyne's test driver
// would otherwise touch widgets from the worker goroutine.
func (u *UI) background(work func() (apply func())) {
	if u.live == nil || !u.live.running {
		work()()
		return
	}
	offUI(work)
}

// showError is the one way errors reach the screen: the administrator reads the
// translated text, the log gets the whole chain. Call it on the UI goroutine.
func (u *UI) showError(err error) {
	if err == nil {
		return
	}
	u.log.Error("ui", "err", err)
	dialog.ShowError(errorText{u.tr.Err(err)}, u.win)
}

// errorText carries an already translated message into Fyne's error dialog.
type errorText struct{ text string }

func (e errorText) Error() string { return e.text }
