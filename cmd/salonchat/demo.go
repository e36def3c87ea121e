package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"salonchat/demo"
	"salonchat/inbox"
	"salonchat/storage"
)

// runDemo fills the data folder: with the believable demo salon, or with --chats and
// --messages with a large generated inbox for benchmarks. It refuses a folder that
// already holds data unless --force, which keeps the old file under another name.
func runDemo(e *env, args []string) int {
	fs := e.flags("demo")
	chats := fs.Int("chats", 0, e.tr.T("cli.flag.chats"))
	messages := fs.Int("messages", 0, e.tr.T("cli.flag.messages"))
	seed := fs.Int64("seed", 1, e.tr.T("cli.flag.seed"))
	force := fs.Bool("force", false, e.tr.T("cli.flag.force"))
	if code, ok := e.parse(fs, args, false); !ok {
		return code
	}
	scale := isSet(fs, "chats") || isSet(fs, "messages")
	if scale {
		switch {
		case !isSet(fs, "messages"):
			*messages = 10 * *chats
		case !isSet(fs, "chats"):
			*chats = max(1, *messages/10)
		}
		if *chats <= 0 || *messages < *chats {
			fmt.Fprintln(e.stderr, e.tr.T("demo.bad_size"))
			return exitUsage
		}
	}
	store, err := e.emptyStore(*force)
	if err != nil {
		return e.fail("open demo store", err)
	}
	defer store.Close()
	fmt.Fprintln(e.stdout, e.tr.T("demo.filling", map[string]any{"Dir": e.cfg.DataDir}))
	if scale {
		err = demo.Scale(store, *chats, *messages, *seed)
	} else {
		err = demo.Salon(store, time.Now(), *seed)
	}
	if err != nil {
		return e.fail("fill demo store", err)
	}
	return e.summary(store)
}

func isSet(fs *flag.FlagSet, name string) (set bool) {
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// emptyStore opens the store of the data folder, making sure it holds nothing yet.
func (e *env) emptyStore(force bool) (*storage.Store, error) {
	store, err := openStore(e.cfg)
	if err != nil {
		return nil, err
	}
	full, err := hasData(store)
	if err != nil || !full {
		return closeOnError(store, err)
	}
	store.Close()
	if !force {
		return nil, &inbox.Error{Code: inbox.CodeConflict, Key: "demo.has_data", Args: map[string]any{"Dir": e.cfg.DataDir}}
	}
	kept := e.cfg.StorePath() + ".before-demo-" + time.Now().Format("20060102-150405")
	if err := os.Rename(e.cfg.StorePath(), kept); err != nil {
		return nil, fmt.Errorf("keep old data: %w", err)
	}
	fmt.Fprintln(e.stdout, e.tr.T("demo.backup", map[string]any{"File": kept}))
	return openStore(e.cfg)
}

func closeOnError(store *storage.Store, err error) (*storage.Store, error) {
	if err != nil {
		store.Close()
		return nil, err
	}
	return store, nil
}

// errFound stops a walk at the first record.
var errFound = errors.New("found")

// hasData reports whether the store holds anything a person made: operators, accounts,
// clients or chats.
func hasData(store inbox.Store) (full bool, err error) {
	err = store.View(func(tx inbox.ReadTx) error {
		ops, err := tx.Operators()
		if err != nil {
			return err
		}
		accs, err := tx.Accounts()
		if err != nil {
			return err
		}
		clients, err := tx.Clients()
		if err != nil {
			return err
		}
		if full = len(ops)+len(accs)+len(clients) > 0; full {
			return nil
		}
		err = tx.WalkChats(func(inbox.Chat) error { full = true; return errFound })
		if errors.Is(err, errFound) {
			return nil
		}
		return err
	})
	return full, err
}

// summary prints how many chats, dialogs and messages the folder now holds.
func (e *env) summary(store inbox.Store) int {
	var chats, dialogs, messages int
	err := store.View(func(tx inbox.ReadTx) error {
		counts, err := tx.ClassCounts(inbox.AllOwners)
		if err != nil {
			return err
		}
		for _, n := range counts {
			dialogs += n
		}
		return tx.WalkChats(func(c inbox.Chat) error {
			chats++
			return tx.WalkMessages(c.ID, func(inbox.Message) error { messages++; return nil })
		})
	})
	if err != nil {
		return e.fail("count demo store", err)
	}
	fmt.Fprintln(e.stdout, e.tr.T("demo.done", map[string]any{"Chats": chats, "Dialogs": dialogs, "Messages": messages}))
	return exitOK
}
