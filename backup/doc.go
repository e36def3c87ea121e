// Package backup makes, keeps and restores copies of a SalonChat data folder.
//
// # What a backup is
//
// One zip file, salonchat-YYYYMMDD-HHMMSS.zip (local time), holding backup.json (the
// manifest: format, when, the store's schema, where the files are) and salonchat.db, a
// consistent copy of the store taken inside one bbolt read transaction while the app
// runs (storage.Store.Backup), deflated. Zip's per-entry CRC lets a restore find a
// copy damaged on a USB stick before it replaces anything.
//
// The files of messages (files/ for received ones, outbox/ for sent ones) are too big to
// put in every daily copy. Scheduled backups mirror them instead, incrementally, into
// files/ and outbox/ beside the zips (only files that are new or differ in size or
// modification time are copied), and the manifest says "beside". The mirror never
// deletes: a file removed from the data folder stays in it, because older kept copies
// of the database still refer to it. `salonchat backup --out FILE` writes a single
// self-contained zip with the files inside ("inside"), to be carried elsewhere.
//
// # Which copies are kept
//
// Backups go to <data>/backups. After each one, the copies kept are the newest of each
// of the 7 latest calendar days that have one (daily) and the newest of each of the 4
// latest ISO weeks, Monday to Sunday, that have one (weekly); a copy chosen by both
// counts for both, so with a copy every day the oldest kept one is the Sunday three
// weeks back. Every copy made less than a day before the newest is kept as well, so
// "Сделать копию сейчас" does not replace this morning's copy until the next day. Only files named like a backup are ever deleted.
//
// # The extra folder
//
// A folder chosen in settings (a network drive, a USB disk) gets every backup too, with
// its own mirror of the files and the same rotation. Its failure (missing, no
// permission, disk full) is a warning in Status and never stops the local copies. The
// folder itself is never created: a missing one means the drive is not connected, and
// creating it would put the copies on the local disk. The choice is kept in
// backup-settings.json in the data folder, not in the store: it belongs to this
// computer (a drive letter), so a restored or moved store must not bring it along, and
// both the window and `salonchat serve` read it there.
//
// # Restore
//
// Restore runs with SalonChat closed (it refuses a folder in use), checks the copy
// (manifest, CRCs, bbolt pages, schema) before touching anything, keeps the current
// database as salonchat.db.before-restore-<time>, and adds the backup's files to the
// data folder; an existing file of the same name but another size is kept aside the
// same way, never overwritten.
package backup
