package whatsapp

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"

	"go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/store/sqlstore"
	"go.mau.fi/whatsmeow/types"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"

	"salonchat/inbox"
)

// StorePath is the session store of an account: DataDir/whatsapp-<account id>.db.
func StorePath(dataDir string, acc inbox.AccountID) string {
	return filepath.Join(dataDir, "whatsapp-"+strconv.FormatUint(uint64(acc), 10)+".db")
}

// openStore opens (creating it if needed) and upgrades an account's session store.
// Foreign keys must be on, or sqlstore refuses to upgrade; WAL and a busy timeout let
// linking and a running connector use the file at the same time.
func openStore(ctx context.Context, dataDir string, acc inbox.AccountID, log *slog.Logger) (*sqlstore.Container, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, &inbox.Error{Code: inbox.CodeUnavailable, Key: "whatsapp.store_failed", Err: err}
	}
	// A plain path (not a file: URI) keeps Windows paths and Cyrillic folders as they are;
	// the driver reads the _pragma parameters itself.
	dsn := StorePath(dataDir, acc) + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, &inbox.Error{Code: inbox.CodeUnavailable, Key: "whatsapp.store_failed", Err: err}
	}
	c := sqlstore.NewWithDB(db, "sqlite", newWALog(log, "store"))
	if err := c.Upgrade(ctx); err != nil {
		db.Close()
		return nil, &inbox.Error{Code: inbox.CodeUnavailable, Key: "whatsapp.store_failed",
			Err: fmt.Errorf("upgrade %s: %w", filepath.Base(StorePath(dataDir, acc)), err)}
	}
	// The session holds the keys of the salon's WhatsApp: readable by this user only.
	os.Chmod(StorePath(dataDir, acc), 0o600)
	return c, nil
}

// findDevice returns the linked device jid in the store, or whatsapp.logged_out when it
// is gone: whatsmeow deletes the device when the number is unlinked on the phone.
func findDevice(ctx context.Context, c *sqlstore.Container, jid types.JID) (*store.Device, error) {
	d, err := c.GetDevice(ctx, jid)
	switch {
	case err != nil:
		return nil, &inbox.Error{Code: inbox.CodeUnavailable, Key: "whatsapp.store_failed", Err: err}
	case d == nil:
		return nil, &inbox.Error{Code: inbox.CodeInvalid, Key: "whatsapp.logged_out",
			Err: fmt.Errorf("device %s is not in the session store", jid)}
	}
	return d, nil
}

// deleteOtherDevices removes from the store the devices of earlier linkings, once a new
// one is linked. Their connector is restarted with the new device when the account's
// settings are saved; the phone forgets the old devices by itself.
func deleteOtherDevices(ctx context.Context, c *sqlstore.Container, keep types.JID, log *slog.Logger) {
	devices, err := c.GetAllDevices(ctx)
	if err != nil {
		log.Warn("old linked devices not listed", "err", err)
		return
	}
	for _, d := range devices {
		if d.ID != nil && *d.ID != keep {
			if err := d.Delete(ctx); err != nil {
				log.Warn("old linked device not deleted from the session store", "err", err)
			}
		}
	}
}
