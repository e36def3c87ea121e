package main

import (
	"bufio"
	"errors"
	"strconv"
	"strings"
	"time"

	"salonchat/i18n"
	"salonchat/inbox"
)

// runChats prints every chat of every network, one a line in chat-number order (the
// order chats were first seen): its number, network, account, name, phone and the state
// of its current dialog, separated by tabs so that scripts can cut the fields; an empty
// field stays an empty column. The chats are walked in one read of the store and
// written as they come, so a folder with 100 000 chats is never held in memory.
func runChats(e *env, args []string) int {
	if code, ok := e.parse(e.flags("chats"), args, false); !ok {
		return code
	}
	store, err := openStore(e.cfg)
	if err != nil {
		return e.fail("open store", err)
	}
	defer store.Close()
	w := bufio.NewWriter(e.stdout)
	err = store.View(func(tx inbox.ReadTx) error {
		accounts, err := tx.Accounts()
		if err != nil {
			return err
		}
		titles := make(map[inbox.AccountID]string, len(accounts))
		for _, a := range accounts {
			titles[a.ID] = a.Title
		}
		return tx.WalkChats(func(c inbox.Chat) error {
			status := ""
			if c.Dialog != 0 {
				d, err := tx.Dialog(c.Dialog)
				if err != nil {
					return err
				}
				status = dialogState(e.tr, d)
			}
			phone := ""
			if c.Phone != "" {
				phone = inbox.FormatPhone(c.Phone)
			}
			account, err := accountColumn(tx, titles[c.Account], c)
			if err != nil {
				return err
			}
			_, err = w.WriteString(tabLine(strconv.FormatUint(uint64(c.ID), 10), string(c.Network),
				account, c.Title(), phone, status))
			return err
		})
	})
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return e.fail("list chats", err)
	}
	return exitOK
}

// accountColumn names the account a chat belongs to; a chat that came through a
// business connection (the salon's own Telegram account) adds that account's label,
// "Бот салона · @lotos_salon", so that scripts can tell it from a chat with the bot.
func accountColumn(tx inbox.ReadTx, title string, c inbox.Chat) (string, error) {
	if c.Via == "" {
		return title, nil
	}
	conn, err := tx.Connection(c.Account, c.Via)
	switch {
	case errors.Is(err, inbox.ErrNotFound):
		return title + " · " + string(c.Via), nil
	case err != nil:
		return "", err
	}
	return title + " · " + conn.Label(), nil
}

// dialogState is a dialog's state in the words the client card uses: "ждёт ответа",
// "открыт", "отложен до 21.11.2026 10:00", "закрыт".
func dialogState(tr *i18n.Translator, d inbox.Dialog) string {
	switch {
	case d.Status == inbox.DialogPostponed:
		return tr.T("client.dialog.postponed", map[string]any{
			"Until": d.PostponedUntil.In(time.Local).Format(tr.T("client.format.datetime"))})
	case d.Status == inbox.DialogClosed:
		return tr.T("client.dialog.closed")
	case d.Awaiting:
		return tr.T("client.dialog.awaiting")
	}
	return tr.T("client.dialog.open")
}

// tabLine joins fields with tabs into one line; tabs and line breaks inside a field (a
// client may put anything in their name) become spaces so that the columns hold.
func tabLine(fields ...string) string {
	for i, f := range fields {
		fields[i] = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, f)
	}
	return strings.Join(fields, "\t") + "\n"
}
