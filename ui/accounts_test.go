package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

func TestAccounts_ListShowsStates(t *testing.T) {
	f := newFixture(t)
	wa := f.wa
	wa.Disabled = true
	must(t, f.svc.UpdateAccount(wa))
	w := acctOpen(f, &acctNet{}, 0)

	tg := acctRow(t, w, "@lotos_salon_bot")
	if got, want := tg.state.Text, "Telegram · работает"; got != want {
		t.Errorf("Telegram row says %q; want %q", got, want)
	}
	if want := "с " + localTime(t0).Format("15:04"); tg.since.String() != want {
		t.Errorf("Telegram row since = %q; want %q", tg.since.String(), want)
	}
	if tg.badge.Visible() || tg.title.Importance == widget.LowImportance {
		t.Error("a working account is greyed or shows the \"!\"")
	}
	off := acctRow(t, w, "+7 900 123-45-67")
	if got, want := off.state.Text, "WhatsApp · отключено"; got != want {
		t.Errorf("WhatsApp row says %q; want %q", got, want)
	}
	if off.title.Importance != widget.LowImportance || off.icon.Translucency == 0 {
		t.Error("a disabled account is not greyed")
	}
	if w.win.Title() != "Внешние системы — SalonChat" {
		t.Errorf("window title %q", w.win.Title())
	}
}

func TestAccounts_BrokenShowsReason(t *testing.T) {
	f := newFixture(t)
	must(t, f.svc.SetHealth(f.tg.ID, inbox.Health{State: inbox.HealthError, Reason: "health.token_invalid", Detail: "401 Unauthorized"}))
	w := acctOpen(f, &acctNet{}, f.tg.ID)
	reason := f.ui.tr.T("health.token_invalid")

	row := acctRow(t, w, "@lotos_salon_bot")
	if !row.badge.Visible() {
		t.Error("the broken account's row has no \"!\"")
	}
	if !strings.Contains(row.state.Text, reason) || row.state.Importance != widget.DangerImportance {
		t.Errorf("row says %q (importance %v); want the reason in red", row.state.Text, row.state.Importance)
	}
	if w.selected != f.tg.ID || w.detail == nil {
		t.Fatal("the focus account is not selected")
	}
	full := acctLabel(t, w.right, "ключ доступа отозван")
	if full.Text != reason || full.Wrapping != fyne.TextWrapWord {
		t.Errorf("the pane shows %q; want the whole reason %q, wrapped", full.Text, reason)
	}
	if !acctShows(w.right, "Состояние: ! не работает") || !acctShows(w.right, "401 Unauthorized") {
		t.Errorf("pane texts %q lack the state or the detail", acctTexts(w.right))
	}
}

func TestAccounts_FollowsHealthWhileOpen(t *testing.T) {
	f := newFixture(t)
	w := acctOpen(f, &acctNet{}, f.tg.ID)
	must(t, f.svc.SetHealth(f.tg.ID, inbox.Health{State: inbox.HealthError, Reason: "health.conflict"}))
	w.settle(t, "the row to turn red", func() bool { return acctRow(t, w, "@lotos_salon_bot").badge.Visible() })
	if !acctShows(w.right, f.ui.tr.T("health.conflict")) {
		t.Error("the selected account's pane does not explain the new trouble")
	}
	must(t, f.svc.SetHealth(f.tg.ID, inbox.Health{State: inbox.HealthConnecting, Reason: "telegram.health.offline"}))
	w.settle(t, "the row to say connecting", func() bool {
		return acctRow(t, w, "@lotos_salon_bot").state.Text == "Telegram · подключается…"
	})
	if acctRow(t, w, "@lotos_salon_bot").badge.Visible() {
		t.Error("a connecting account still shows \"!\"")
	}
}

func TestAccounts_AddBadTokenSavesOnlyAnyway(t *testing.T) {
	f := newFixture(t)
	net := &acctNet{}
	w := acctOpen(f, net, 0)
	acctStartAdd(t, w)
	test.Type(w.form.entries[0], "bad")
	test.Tap(acctButton(t, w.right, "Сохранить"))
	w.settle(t, "the check's answer", func() bool { return !w.form.busy })

	if got := len(acctAccounts(f)); got != 2 {
		t.Fatalf("%d accounts after a failed check; want 2 (nothing saved)", got)
	}
	if w.form.result.Text != f.ui.tr.T("telegram.token_invalid") || w.form.result.Importance != widget.DangerImportance {
		t.Errorf("result %q (importance %v); want the check's error in red", w.form.result.Text, w.form.result.Importance)
	}
	test.Tap(acctButton(t, w.right, "Сохранить всё равно"))
	as := acctAccounts(f)
	if len(as) != 3 || as[2].Settings["token"] != "bad" || as[2].Title != "Telegram" {
		t.Fatalf("accounts after Сохранить всё равно: %+v", as)
	}
	if len(net.calls()) != 1 {
		t.Errorf("checked %d times; Сохранить всё равно must not check again", len(net.calls()))
	}
	if w.selected != as[2].ID || acctRow(t, w, "Telegram") == nil {
		t.Error("the new account is not selected in the list")
	}
}

func TestAccounts_AddGoodTokenSaves(t *testing.T) {
	f := newFixture(t)
	net := &acctNet{hold: make(chan struct{})}
	w := acctOpen(f, net, 0)
	acctStartAdd(t, w)
	test.Type(w.form.title, "Бот салона")
	test.Type(w.form.entries[0], "123:good")
	save := acctButton(t, w.right, "Сохранить")
	test.Tap(save)

	// The check waits for the network: the form says so and cannot be sent twice.
	if !save.Disabled() || !w.form.check.Disabled() || !w.form.spinner.Visible() {
		t.Error("while checking, the buttons are on or there is no spinner")
	}
	test.Tap(save)
	close(net.hold)
	w.settle(t, "the account to be saved", func() bool { return len(acctAccounts(f)) == 3 })
	as := acctAccounts(f)
	if a := as[2]; a.Title != "Бот салона" || a.Settings["token"] != "123:good" || a.Network != inbox.Telegram {
		t.Errorf("saved %+v", a)
	}
	if _, has := as[2].Settings["proxy"]; has {
		t.Error("an empty optional setting was saved")
	}
	if len(net.calls()) != 1 {
		t.Errorf("checked %d times; want 1", len(net.calls()))
	}
	row := acctRow(t, w, "Бот салона")
	if row.state.Text != "Telegram · подключается…" {
		t.Errorf("new row says %q", row.state.Text)
	}
	if w.form.result.Text != f.ui.tr.T("accounts.saved_new") {
		t.Errorf("after saving the pane says %q", w.form.result.Text)
	}
}

func TestAccounts_CheckShowsResultAndSavesNothing(t *testing.T) {
	f := newFixture(t)
	w := acctOpen(f, &acctNet{}, 0)
	acctStartAdd(t, w)
	test.Type(w.form.entries[0], "123:good")
	test.Tap(acctButton(t, w.right, "Проверить подключение"))
	w.settle(t, "the check", func() bool { return !w.form.busy })
	if w.form.result.Text != "Подключение работает." || w.form.result.Importance != widget.SuccessImportance {
		t.Errorf("result %q (importance %v); want green Подключение работает.", w.form.result.Text, w.form.result.Importance)
	}
	if len(acctAccounts(f)) != 2 {
		t.Error("checking saved the account")
	}
	w.form.entries[0].SetText("bad")
	if w.form.result.Visible() {
		t.Error("the result stays after the token changed")
	}
	test.Tap(acctButton(t, w.right, "Проверить подключение"))
	w.settle(t, "the check", func() bool { return !w.form.busy })
	if w.form.result.Importance != widget.DangerImportance || w.form.anywayRow.Visible() {
		t.Error("a failed check is not red, or offers saving although Сохранить was not pressed")
	}
}

func TestAccounts_RequiredSettingAsked(t *testing.T) {
	f := newFixture(t)
	net := &acctNet{}
	w := acctOpen(f, net, 0)
	acctStartAdd(t, w)
	test.Tap(acctButton(t, w.right, "Сохранить"))
	if got := w.form.result.Text; got != "Заполните поле «Токен бота»." {
		t.Errorf("result %q", got)
	}
	if len(net.calls()) != 0 || len(acctAccounts(f)) != 2 {
		t.Error("an empty required setting was checked or saved")
	}
	if !acctShows(w.right, "Токен бота (обязательно)") {
		t.Error("the required setting is not marked")
	}
}

func TestAccounts_EditTitleSaves(t *testing.T) {
	f := newFixture(t)
	net := &acctNet{}
	w := acctOpen(f, net, f.tg.ID)
	w.form.title.SetText("Бот салона «Лотос»")
	test.Tap(acctButton(t, w.right, "Сохранить"))
	if got := f.acctAccount(f.tg.ID).Title; got != "Бот салона «Лотос»" {
		t.Errorf("title %q after saving", got)
	}
	if len(net.calls()) != 0 {
		t.Error("renaming asked the network")
	}
	if acctRow(t, w, "Бот салона «Лотос»") == nil || w.detail.title.Text != "Бот салона «Лотос»" {
		t.Error("the new title is not shown")
	}
}

func TestAccounts_SecretMaskedAndKept(t *testing.T) {
	f := newFixture(t)
	tg := f.tg
	tg.Settings = map[string]string{"token": "777:SECRET-TOKEN"}
	must(t, f.svc.UpdateAccount(tg))
	net := &acctNet{}
	w := acctOpen(f, net, f.tg.ID)
	for _, s := range acctTexts(w.win.Content()) {
		if strings.Contains(s, "SECRET") {
			t.Fatalf("the token is on screen: %q", s)
		}
	}
	if !w.form.entries[0].Password || w.form.entries[0].PlaceHolder != f.ui.tr.T("accounts.form.secret_kept") {
		t.Error("the token input is not a password input saying the token is kept")
	}
	test.Type(w.form.entries[2], "socks5://127.0.0.1:1080")
	test.Tap(acctButton(t, w.right, "Сохранить"))
	w.settle(t, "the check", func() bool { return !w.form.busy })
	got := f.acctAccount(f.tg.ID).Settings
	if got["token"] != "777:SECRET-TOKEN" || got["proxy"] != "socks5://127.0.0.1:1080" {
		t.Errorf("settings after changing the proxy: %v", got)
	}
	if calls := net.calls(); len(calls) != 1 || calls[0].Settings["token"] != "777:SECRET-TOKEN" {
		t.Errorf("checked %+v; want the kept token checked once", calls)
	}

	test.Type(w.form.entries[0], "888:NEW")
	test.Tap(acctButton(t, w.right, "Сохранить"))
	w.settle(t, "the check", func() bool { return !w.form.busy })
	if got := f.acctAccount(f.tg.ID).Settings["token"]; got != "888:NEW" {
		t.Errorf("token %q after retyping it", got)
	}
	if w.form.entries[0].Text != "" {
		t.Error("the typed token stays on screen after saving")
	}
}

func TestAccounts_DisableAsksFirst(t *testing.T) {
	f := newFixture(t)
	w := acctOpen(f, &acctNet{}, f.wa.ID)
	test.Tap(acctButton(t, w.right, "Отключить"))
	dlg := acctOverlay(t, w)
	if !acctShows(dlg, "История переписки останется") {
		t.Errorf("the question does not say the history stays: %q", acctTexts(dlg))
	}
	if f.acctAccount(f.wa.ID).Disabled {
		t.Fatal("disabled before the answer")
	}
	test.Tap(acctButton(t, dlg, "Отключить"))
	if !f.acctAccount(f.wa.ID).Disabled {
		t.Fatal("not disabled after confirming")
	}
	if got := acctRow(t, w, "+7 900 123-45-67").state.Text; got != "WhatsApp · отключено" {
		t.Errorf("row says %q", got)
	}
	test.Tap(acctButton(t, w.right, "Включить"))
	test.Tap(acctButton(t, acctOverlay(t, w), "Отмена"))
	if !f.acctAccount(f.wa.ID).Disabled {
		t.Error("cancelling switched it on")
	}
	test.Tap(acctButton(t, w.right, "Включить"))
	test.Tap(acctButton(t, acctOverlay(t, w), "Включить"))
	if f.acctAccount(f.wa.ID).Disabled {
		t.Error("not enabled after confirming")
	}
}

func TestAccounts_TelegramNote(t *testing.T) {
	f := newFixture(t)
	w := acctOpen(f, &acctNet{}, f.tg.ID)
	if !acctShows(w.right, "не дольше суток") || !acctShows(w.right, "salonchat serve") {
		t.Errorf("no Telegram note among %q", acctTexts(w.right))
	}
	w.selectAccount(f.wa.ID)
	if acctShows(w.right, "не дольше суток") {
		t.Error("WhatsApp shows the Telegram note")
	}
	// WhatsApp has no descriptor here: only the title can be changed.
	if !acctShows(w.right, "не умеет подключаться к «WhatsApp»") || w.form.check.Visible() {
		t.Error("an unsupported network offers its settings")
	}
}

func TestAccounts_NoNetworks(t *testing.T) {
	f := newFixture(t)
	w := acctOpen(f, nil, 0)
	if !acctButton(t, w.win.Content(), "Подключить мессенджер").Disabled() {
		t.Error("connecting is offered with no network to connect")
	}
	if !acctShows(w.win.Content(), "пока не умеет подключать мессенджеры") {
		t.Error("the window does not say why nothing can be connected")
	}
}

func TestAccounts_WindowReused(t *testing.T) {
	f := newFixture(t)
	w := acctOpen(f, &acctNet{}, 0)
	f.ui.showAccounts(f.wa.ID)
	n := 0
	for _, win := range f.app.Driver().AllWindows() {
		if _, ok := win.Content().(*accountsRoot); ok {
			n++
		}
	}
	if n != 1 || f.ui.openAccounts() != w {
		t.Fatalf("%d accounts windows; want the one already open", n)
	}
	if w.selected != f.wa.ID {
		t.Error("the focus account is not selected in the open window")
	}
	w.win.Close()
	if f.ui.openAccounts() != nil {
		t.Error("a closed window is found again")
	}
}

// acctStartAdd goes Подключить мессенджер → Telegram.
func acctStartAdd(t *testing.T, w *accountsWindow) {
	t.Helper()
	test.Tap(acctButton(t, w.win.Content(), "Подключить мессенджер"))
	test.Tap(acctButton(t, w.right, "Telegram"))
	if w.form == nil || w.form.acc.ID != 0 {
		t.Fatal("no new account form")
	}
}

func acctAccounts(f *fixture) []inbox.Account {
	as, err := f.svc.Accounts()
	must(f.t, err)
	return as
}

func TestAccounts_ClosingStopsFollower(t *testing.T) {
	f := newFixture(t)
	// As in the running program: the window follows events on its own goroutine.
	f.ui.live.running = true
	w := acctOpen(f, &acctNet{}, 0)
	f.ui.live.running = false // the fixture's cleanup must not wait for a live loop
	if w.live.pumped {
		t.Fatal("the window does not follow events by itself in the running program")
	}
	w.win.Close()
	select {
	case <-w.live.done:
	case <-time.After(3 * time.Second):
		t.Fatal("the follower goroutine outlived its window")
	}
	must(t, f.svc.SetHealth(f.tg.ID, inbox.Health{State: inbox.HealthError, Reason: "health.conflict"}))
	if w.ctx.Err() == nil {
		t.Error("a check still waiting would not be abandoned")
	}
}

// TestAccounts_TranslationsCoverKeys reads the keys the window uses from its sources,
// plus the ones it builds at run time, and checks both languages have them.
func TestAccounts_TranslationsCoverKeys(t *testing.T) {
	keys := map[string]bool{"accounts.note.telegram": true, "health.unknown": true, "accounts.disable_confirm.title": true,
		"accounts.disable_confirm.text": true, "accounts.enable_confirm.title": true, "accounts.enable_confirm.text": true}
	for _, n := range inbox.Networks {
		keys["network."+string(n)] = true
	}
	re := regexp.MustCompile(`T\("([a-z_.]+[a-z_])"`)
	files, err := filepath.Glob("accounts*.go")
	must(t, err)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		must(t, err)
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			keys[m[1]] = true
		}
	}
	requireTranslated(t, keys, 35)
}

func TestAccounts_NoAccountsOffersMessengers(t *testing.T) {
	f := newFixture(t)
	svc := inbox.NewService(inboxtest.NewMemStore(), inbox.WithClock(f.clock))
	u, err := New(f.app, svc, translator(t, "ru"), Options{Networks: (&acctNet{}).registry()})
	must(t, err)
	u.subscribe()
	t.Cleanup(u.Close)
	u.showAccounts(0)
	w := u.openAccounts()
	t.Cleanup(w.win.Close)
	if !acctShows(w.win.Content(), "Подключений пока нет") {
		t.Error("the empty list does not say so")
	}
	test.Tap(acctButton(t, w.right, "Telegram"))
	test.Type(w.form.entries[0], "123:good")
	test.Tap(acctButton(t, w.right, "Сохранить"))
	w.settle(t, "the first account", func() bool { as, _ := svc.Accounts(); return len(as) == 1 })
	if w.empty.Visible() || acctRow(t, w, "Telegram") == nil {
		t.Error("the first account is not listed")
	}
}
