package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"

	"salonchat/connectors/whatsapp"
	"salonchat/inbox"
)

// linkWhatsApp is `salonchat accounts add whatsapp [--title NAME] [--phone +7…]
// [--account ID]`: it links the salon's WhatsApp number as a linked device, for a
// machine without a window. The QR code is printed in the terminal, again each time
// WhatsApp replaces it; with --phone a pairing code to type on the phone is printed
// instead. A new account is saved switched off first (its id names the session store)
// and switched on once the number is linked; --account links an existing WhatsApp
// account again (after the phone unlinked it, say).
func linkWhatsApp(e *env, args []string) int {
	fs := e.flags("accounts add whatsapp")
	title := fs.String("title", "", e.tr.T("cli.flag.title"))
	phone := fs.String("phone", "", e.tr.T("whatsapp.cli.flag.phone"))
	id := fs.Uint64("account", 0, e.tr.T("whatsapp.cli.flag.account"))
	if code, ok := e.parse(fs, args, false); !ok {
		return code
	}
	return withService(e, func(svc *inbox.Service) int {
		acc, code, ok := whatsAppAccount(e, svc, inbox.AccountID(*id), strings.TrimSpace(*title))
		if !ok {
			return code
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		// whatsmeow's notes stay out of the way of the QR code; warnings still show.
		opts := whatsapp.Options{DataDir: e.cfg.DataDir, FetchVersion: true,
			Log: slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
		var events <-chan whatsapp.LinkEvent
		var err error
		if strings.TrimSpace(*phone) != "" {
			events, err = whatsapp.LinkByPhone(ctx, acc, *phone, opts)
		} else {
			events, err = whatsapp.Link(ctx, acc, opts)
		}
		if err != nil {
			e.fail("link whatsapp", err)
			fmt.Fprintln(e.stderr, e.tr.T("whatsapp.cli.retry", map[string]any{"ID": uint64(acc.ID)}))
			return exitError
		}
		return followLink(e, svc, acc, events)
	})
}

// whatsAppAccount is the account to link: the existing one with id, or a new one,
// saved switched off until its number is linked.
func whatsAppAccount(e *env, svc *inbox.Service, id inbox.AccountID, title string) (inbox.Account, int, bool) {
	if id == 0 {
		if title == "" {
			title = e.tr.T("network.whatsapp")
		}
		acc, err := svc.AddAccount(inbox.Account{Network: inbox.WhatsApp, Title: title, Settings: map[string]string{}, Disabled: true})
		if err != nil {
			return acc, e.fail("add account", err), false
		}
		return acc, exitOK, true
	}
	accounts, err := svc.Accounts()
	if err != nil {
		return inbox.Account{}, e.fail("list accounts", err), false
	}
	for _, a := range accounts {
		if a.ID != id {
			continue
		}
		if a.Network != inbox.WhatsApp {
			fmt.Fprintln(e.stderr, e.tr.T("whatsapp.cli.not_whatsapp", map[string]any{"ID": uint64(id)}))
			return a, exitUsage, false
		}
		if title != "" {
			a.Title = title
		}
		return a, exitOK, true
	}
	fmt.Fprintln(e.stderr, e.tr.T("cli.account_not_found", map[string]any{"ID": uint64(id)}))
	return inbox.Account{}, exitError, false
}

// followLink prints the linking's steps and saves the account once the number is
// linked.
func followLink(e *env, svc *inbox.Service, acc inbox.Account, events <-chan whatsapp.LinkEvent) int {
	shown := false
	for ev := range events {
		switch ev.Kind {
		case whatsapp.LinkQR:
			key := "whatsapp.cli.scan"
			if shown {
				key = "whatsapp.cli.new_code"
			}
			shown = true
			fmt.Fprintln(e.stdout, "\n"+e.tr.T(key))
			if err := whatsapp.QRTerminal(e.stdout, ev.Code); err != nil {
				return e.fail("draw QR code", err)
			}
		case whatsapp.LinkPhoneCode:
			fmt.Fprintln(e.stdout, e.tr.T("whatsapp.cli.phone_code", map[string]any{"Code": ev.Code}))
		case whatsapp.LinkHint:
			fmt.Fprintln(e.stdout, e.tr.Err(ev.Err))
		case whatsapp.LinkSuccess:
			acc = ev.Apply(acc)
			acc.Disabled = false
			if err := svc.UpdateAccount(acc); err != nil {
				return e.fail("save account", err)
			}
			fmt.Fprintln(e.stdout, e.tr.T("whatsapp.cli.linked", map[string]any{
				"Phone": inbox.FormatPhone(inbox.NormalizePhone(ev.Phone)), "ID": uint64(acc.ID), "Title": acc.Title}))
			return exitOK
		case whatsapp.LinkTimeout:
			fmt.Fprintln(e.stderr, e.tr.T("whatsapp.cli.timeout"))
		case whatsapp.LinkError:
			fmt.Fprintln(e.stderr, e.tr.Err(ev.Err))
		}
	}
	// Timed out, failed, or stopped with Ctrl+C.
	fmt.Fprintln(e.stderr, e.tr.T("whatsapp.cli.retry", map[string]any{"ID": uint64(acc.ID)}))
	return exitError
}
