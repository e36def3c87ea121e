package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
)

// accountsWindow is "Настройки → Внешние системы": every connected account with its
// state on the left, and on the right the selected account (why it does not work, its
// settings, switching it off) or the form that connects a new messenger.
type accountsWindow struct {
	u   *UI
	win fyne.Window
	// ctx ends when the window closes, so that a settings check still waiting for the
	// network is abandoned with it.
	ctx    context.Context
	cancel context.CancelFunc
	live   *accountsLive
	closed bool

	accounts []inbox.Account
	// entries are the list's rows: each account, then its business connections
	// (accounts_business.go); conns are those connections by account.
	entries  []accountEntry
	conns    map[inbox.AccountID][]inbox.Connection
	selected inbox.AccountID // 0 while nothing is selected or a messenger is being added
	list     *widget.List
	empty    *widget.Label
	right    *fyne.Container
	detail   *accountDetail // the selected account's pane; nil otherwise
	form     *accountForm   // the form on screen, if any
}

// showAccounts opens "Внешние системы", with the account focus selected when it is not 0.
// A window already open is brought forward rather than opened twice.
func (u *UI) showAccounts(focus inbox.AccountID) {
	w := u.openAccounts()
	if w == nil {
		w = newAccountsWindow(u)
		w.win.Show()
	}
	w.win.RequestFocus()
	if focus != 0 {
		w.selectAccount(focus)
	}
}

// openAccounts finds the open "Внешние системы" window by its content, so that the
// UI needs no field of its own for it.
func (u *UI) openAccounts() *accountsWindow {
	for _, win := range u.app.Driver().AllWindows() {
		if root, ok := win.Content().(*accountsRoot); ok && root.w.u == u {
			return root.w
		}
	}
	return nil
}

func newAccountsWindow(u *UI) *accountsWindow {
	w := &accountsWindow{u: u, win: u.app.NewWindow(u.tr.T("accounts.window_title"))}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	w.right = container.NewStack()
	w.list = w.newList()
	split := container.NewHSplit(w.leftPane(), w.right)
	split.Offset = 0.36
	w.win.SetContent(newAccountsRoot(w, split))
	w.win.Resize(fyne.NewSize(900, 600))
	w.win.SetOnClosed(w.close)
	w.live = w.follow()
	w.reload()
	w.showHint()
	return w
}

// close stops what the window started: its event follower and any pending check.
func (w *accountsWindow) close() {
	if w.closed {
		return
	}
	w.closed = true
	w.cancel()
	w.live.stop()
}

// refresh is reload for whatever arrives after the fact (events, background results):
// nothing happens once the window is closed.
func (w *accountsWindow) refresh() {
	if !w.closed {
		w.reload()
	}
}

// reload re-reads the accounts after a change here or elsewhere (a connector reporting
// its health, another window), keeping the selection and the form being typed in.
func (w *accountsWindow) reload() {
	as, err := w.u.svc.Accounts()
	if err != nil {
		w.u.log.Error("accounts window", "err", err)
		return
	}
	w.accounts = as
	w.buildEntries()
	w.list.Refresh()
	if len(as) == 0 {
		w.empty.Show()
	} else {
		w.empty.Hide()
	}
	if i := w.index(w.selected); i >= 0 {
		w.list.Select(w.entryIndex(w.selected))
		if w.detail != nil {
			w.detail.setAccount(as[i])
		}
	}
}

// index is the list row of an account, or -1.
func (w *accountsWindow) index(id inbox.AccountID) int {
	for i, a := range w.accounts {
		if id != 0 && a.ID == id {
			return i
		}
	}
	return -1
}

// selectAccount shows an account on the right. Choosing the account already shown
// keeps its form as typed.
func (w *accountsWindow) selectAccount(id inbox.AccountID) {
	i := w.index(id)
	if i < 0 || (id == w.selected && w.detail != nil) {
		return
	}
	// The pane comes first: selecting the row calls back here, and finds it shown.
	w.selected = id
	w.detail = newAccountDetail(w, w.accounts[i])
	w.addRelink(w.detail)
	w.setRight(w.detail.view(), w.detail.form)
	w.list.Select(w.entryIndex(id))
}

// setRight replaces the right pane with o and its form (nil for none); a form that was
// there is given up, and a check it was waiting for is ignored when it ends.
func (w *accountsWindow) setRight(o fyne.CanvasObject, form *accountForm) {
	w.stopLinking()
	w.form = form
	w.right.Objects = []fyne.CanvasObject{o}
	w.right.Refresh()
}

// accountsRoot is the window's content; it marks the window as "Внешние системы" so
// that showAccounts finds it again.
type accountsRoot struct {
	widget.BaseWidget
	w       *accountsWindow
	content fyne.CanvasObject
}

func newAccountsRoot(w *accountsWindow, content fyne.CanvasObject) *accountsRoot {
	r := &accountsRoot{w: w, content: content}
	r.ExtendBaseWidget(r)
	return r
}

func (r *accountsRoot) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// showError tells the administrator, over this window, what went wrong; the log gets
// the whole chain.
func (w *accountsWindow) showError(err error) {
	w.u.log.Error("accounts window", "err", err)
	dialog.ShowError(errorText{w.u.tr.Err(err)}, w.win)
}
