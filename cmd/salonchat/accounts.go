package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"salonchat/connectors"
	"salonchat/inbox"
)

// runAccounts manages the connected accounts ("Внешние системы") from a terminal:
// accounts add NETWORK [settings], accounts list, accounts disable ID, accounts enable ID.
func runAccounts(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, e.tr.T("cli.accounts_usage"))
		return exitUsage
	}
	sub := map[string]func(*env, []string) int{"add": accountsAdd, "list": accountsList,
		"disable": func(e *env, a []string) int { return accountsSetDisabled(e, a, true) },
		"enable":  func(e *env, a []string) int { return accountsSetDisabled(e, a, false) }}
	f, ok := sub[args[0]]
	if !ok {
		fmt.Fprintln(e.stderr, e.tr.T("cli.accounts_usage"))
		return exitUsage
	}
	return f(e, args[1:])
}

// accountsAdd adds an account after checking its settings against the network, so that
// a wrong token is caught here and not discovered as a "!" later.
func accountsAdd(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, e.tr.T("cli.accounts_usage"))
		return exitUsage
	}
	if args[0] == string(inbox.WhatsApp) { // linked by QR code, not by settings (accounts_whatsapp.go)
		return linkWhatsApp(e, args[1:])
	}
	nets := networks(e.cfg, e.log)
	net, ok := nets[inbox.Network(args[0])]
	if !ok {
		fmt.Fprintln(e.stderr, e.tr.T("account.unknown_network", map[string]any{"Network": args[0]}))
		return exitUsage
	}
	fs := e.flags("accounts add " + args[0])
	title := fs.String("title", "", e.tr.T("cli.flag.title"))
	noCheck := fs.Bool("no-check", false, e.tr.T("cli.flag.no_check"))
	values := settingFlags(e, fs, net)
	if code, ok := e.parse(fs, args[1:], false); !ok {
		return code
	}
	acc := inbox.Account{Network: net.Network, Title: *title, Settings: map[string]string{}}
	for _, f := range net.Fields {
		if v := strings.TrimSpace(*values[f.Key]); v != "" {
			acc.Settings[f.Key] = v
		} else if f.Required {
			fmt.Fprintln(e.stderr, e.tr.T("cli.setting_required", map[string]any{"Flag": flagName(f.Key)}))
			return exitUsage
		}
	}
	if acc.Title == "" {
		acc.Title = e.tr.T("network." + string(net.Network))
	}
	if !*noCheck && net.Check != nil {
		if err := net.Check(context.Background(), acc); err != nil {
			return e.fail("check settings", err)
		}
	}
	return withService(e, func(svc *inbox.Service) int {
		added, err := svc.AddAccount(acc)
		if err != nil {
			return e.fail("add account", err)
		}
		fmt.Fprintln(e.stdout, e.tr.T("cli.account_added", map[string]any{"ID": uint64(added.ID), "Title": added.Title}))
		return exitOK
	})
}

// settingFlags declares one flag per setting of a network: api_url becomes --api-url.
func settingFlags(e *env, fs *flag.FlagSet, net connectors.Network) map[string]*string {
	values := map[string]*string{}
	for _, f := range net.Fields {
		values[f.Key] = fs.String(flagName(f.Key), "", e.tr.T(f.Label))
	}
	return values
}

func flagName(key string) string { return strings.ReplaceAll(key, "_", "-") }

func accountsList(e *env, args []string) int {
	if code, ok := e.parse(e.flags("accounts list"), args, false); !ok {
		return code
	}
	return withService(e, func(svc *inbox.Service) int {
		accounts, err := svc.Accounts()
		if err != nil {
			return e.fail("list accounts", err)
		}
		w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, e.tr.T("cli.accounts_header"))
		for _, a := range accounts {
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\n", a.ID, a.Network, a.Title, healthText(e, a))
		}
		w.Flush()
		return exitOK
	})
}

// healthText is an account's state in words, with the reason when it is broken.
func healthText(e *env, a inbox.Account) string {
	switch {
	case a.Disabled:
		return e.tr.T("account.state.disabled")
	case a.Health.Broken():
		return "! " + e.tr.T(a.Health.Reason)
	case a.Health.State == inbox.HealthConnecting:
		return e.tr.T("account.state.connecting")
	}
	return e.tr.T("account.state.ok")
}

func accountsSetDisabled(e *env, args []string, disabled bool) int {
	fs := e.flags("accounts")
	if code, ok := e.parse(fs, args, true); !ok {
		return code
	}
	idArg := fs.Arg(0)
	if fs.NArg() > 1 { // flags may follow the id: accounts disable 4 --data DIR
		if code, ok := e.parse(fs, fs.Args()[1:], false); !ok {
			return code
		}
	}
	id, err := strconv.ParseUint(idArg, 10, 64)
	if idArg == "" || err != nil {
		fmt.Fprintln(e.stderr, e.tr.T("cli.accounts_usage"))
		return exitUsage
	}
	return withService(e, func(svc *inbox.Service) int {
		accounts, err := svc.Accounts()
		if err != nil {
			return e.fail("list accounts", err)
		}
		for _, a := range accounts {
			if uint64(a.ID) == id {
				a.Disabled = disabled
				if err := svc.UpdateAccount(a); err != nil {
					return e.fail("update account", err)
				}
				fmt.Fprintln(e.stdout, e.tr.T("cli.account_updated", map[string]any{"ID": id, "State": healthText(e, a)}))
				return exitOK
			}
		}
		fmt.Fprintln(e.stderr, e.tr.T("cli.account_not_found", map[string]any{"ID": id}))
		return exitError
	})
}

// withService opens the store of the data folder for one command.
func withService(e *env, fn func(*inbox.Service) int) int {
	store, err := openStore(e.cfg)
	if err != nil {
		return e.fail("open store", err)
	}
	defer store.Close()
	return fn(service(store, networks(e.cfg, e.log), e.log))
}
