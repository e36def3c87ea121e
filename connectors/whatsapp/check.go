package whatsapp

import (
	"context"
	"errors"
	"os"
	"time"

	"salonchat/inbox"
)

// checkTimeout bounds "Проверить подключение".
const checkTimeout = 30 * time.Second

// Check looks at an account's settings ("Проверить подключение"): the number must be
// linked (whatsapp.not_linked) and its device still be in the session store
// (whatsapp.logged_out when the phone unlinked it), and the pace setting readable
// (whatsapp.pace_invalid). It does not connect: WhatsApp allows one connection per
// linked device, and a second one would throw the running connector out
// (StreamReplaced). Whether WhatsApp accepts the device shows in the account's health
// once its connector runs.
func Check(ctx context.Context, acc inbox.Account, opts Options) error {
	opts = opts.withDefaults()
	jid, err := linkedJID(acc)
	if err != nil {
		return err
	}
	if _, err := paceOf(acc, opts.Pace); err != nil {
		return err
	}
	if opts.DataDir == "" {
		return errors.New("whatsapp: Options.DataDir is required")
	}
	if _, err := os.Stat(StorePath(opts.DataDir, acc.ID)); err != nil {
		return &inbox.Error{Code: inbox.CodeInvalid, Key: "whatsapp.logged_out", Err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	c, err := openStore(ctx, opts.DataDir, acc.ID, opts.Log)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = findDevice(ctx, c, jid)
	return err
}
