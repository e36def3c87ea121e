// Command salonchat is SalonChat: a desktop messenger that puts a beauty salon's
// WhatsApp, Telegram and VK chats in one window.
//
//	salonchat [--data DIR] [--demo] [--tray]       the messenger window (--demo: the demo
//	                                               salon in DIR-demo; --tray: start hidden)
//	salonchat demo [--data DIR] [--force] [--chats N --messages M] [--seed S]
//	salonchat export [--data DIR] [--client ID] [--out FILE]
//	salonchat chats [--data DIR]
//	salonchat send [--data DIR] --chat ID --text TEXT [--file PATH]... [--operator NAME_OR_ID]
//	salonchat screenshot [--data DIR] --out FILE.png [--size 1366x768] [--dialog ID]
//	salonchat accounts add telegram --token T [--api-url U] [--proxy P] [--title NAME]
//	salonchat accounts add vk --token T --group ID [--api-url U] [--proxy P] [--title NAME]
//	salonchat accounts add whatsapp [--title NAME] [--phone +7…]
//	salonchat accounts list | disable ID | enable ID
//	salonchat serve [--data DIR]
//	salonchat backup [--data DIR] [--out FILE]
//	salonchat restore [--data DIR] --from FILE
//	salonchat report [--data DIR] [--out FILE.zip]
//	salonchat version
//
// chats prints one chat a line, tab-separated, for scripts; send queues a message through
// the outbox as the composer does (the window or serve sends it). --data may stand before
// or after the subcommand. This package only wires the parts together; the rules live in
// package inbox.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"salonchat/i18n"
)

func main() {
	attachConsole() // before os.Stdout is read: on Windows it may be reopened
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes of run.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// env is what a subcommand works with.
type env struct {
	cfg            Config
	stdout, stderr io.Writer
	log            *slog.Logger
	tr             *i18n.Translator
}

// commands maps a subcommand to its function; no subcommand opens the window.
var commands = map[string]func(e *env, args []string) int{
	"accounts":   runAccounts,
	"backup":     runBackup,
	"restore":    runRestore,
	"demo":       runDemo,
	"serve":      runServe,
	"screenshot": runScreenshot,
	"export":     runExport,
	"chats":      runChats,
	"send":       runSend,
	"report":     runReport,
	"version":    runVersion,
	"help":       runHelp,
}

// run is the whole program with its arguments and output streams, so that tests can
// call it in-process. It returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	e := &env{cfg: DefaultConfig(), stdout: stdout, stderr: stderr,
		log: slog.New(slog.NewTextHandler(stderr, nil))}
	var err error
	if e.tr, err = translator(); err != nil {
		e.log.Error("load translations", "err", err)
		return exitError
	}
	global := e.flags("salonchat")
	global.BoolVar(&e.cfg.Demo, "demo", false, e.tr.T("cli.flag.demo"))
	global.BoolVar(&e.cfg.Hidden, trayFlag, false, e.tr.T("cli.flag.tray"))
	global.Usage = func() { runHelp(e, nil) }
	if code, ok := e.parse(global, args, true); !ok {
		return code
	}
	if global.NArg() == 0 {
		return runWindow(e)
	}
	name := global.Arg(0)
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintln(stderr, e.tr.T("cli.unknown_command", map[string]any{"Command": name}))
		runHelp(e, nil)
		return exitUsage
	}
	return cmd(e, global.Args()[1:])
}

// flags returns a subcommand's flag set, with --data bound to the configuration so that
// it is accepted after the subcommand as well as before it.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "salonchat %s:\n", name)
		fs.PrintDefaults()
	}
	fs.StringVar(&e.cfg.DataDir, "data", e.cfg.DataDir, e.tr.T("cli.flag.data"))
	return fs
}

// parse parses args; ok is false when the command should stop with code (help was
// asked for, or the arguments are wrong). Unless rest is allowed, words left after the
// flags are an error.
func (e *env) parse(fs *flag.FlagSet, args []string, rest bool) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK, false
	case err != nil:
		return exitUsage, false
	case !rest && fs.NArg() > 0:
		fmt.Fprintln(e.stderr, e.tr.T("cli.extra_arguments", map[string]any{"Args": strings.Join(fs.Args(), " ")}))
		return exitUsage, false
	}
	return exitOK, true
}

func runHelp(e *env, _ []string) int {
	fmt.Fprintln(e.stderr, e.tr.T("cli.usage", map[string]any{"Dir": DefaultConfig().DataDir}))
	return exitOK
}
