package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"salonchat/inbox"
)

func day(d int) string { return fmt.Sprintf("salonchat-202611%02d-030000.zip", d) }

// TestBackup_Rotation runs the scheduler's checks once a day for N days on a fake clock
// (starting on Monday 2 November) and checks that exactly the right copies remain.
func TestBackup_Rotation(t *testing.T) {
	cases := []struct {
		name string
		days int
		want []string
	}{
		{"first day", 1, []string{day(2)}},
		{"a week", 7, []string{day(2), day(3), day(4), day(5), day(6), day(7), day(8)}},
		// Days 5–11; the weeks 2–8 and 9–15 keep 8 and 11, both daily already.
		{"ten days", 10, []string{day(5), day(6), day(7), day(8), day(9), day(10), day(11)}},
		// Days 22–28 (Sundays 22 and 29 included); weeks: 23–29 → 28, 16–22 → 22,
		// 9–15 → 15, 2–8 → 8.
		{"four weeks", 27, []string{day(8), day(15), day(22), day(23), day(24), day(25), day(26), day(27), day(28)}},
		// Up to 1 December: days 25 Nov – 1 Dec; weeks: 30 Nov–6 Dec → 1 Dec,
		// 23–29 → 29, 16–22 → 22, 9–15 → 15; 8 November goes.
		{"a month", 30, []string{day(15), day(22), day(25), day(26), day(27), day(28), day(29), day(30), "salonchat-20261201-030000.zip"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSalon(t)
			sc := s.scheduler(Options{})
			backups := filepath.Join(s.dir, Dir)
			must(t, os.MkdirAll(backups, 0o700))
			foreign := []string{"заметки.txt", "salonchat-old.zip"}
			for _, f := range foreign {
				must(t, os.WriteFile(filepath.Join(backups, f), []byte("x"), 0o600))
			}
			for d := range tc.days {
				s.receive(fmt.Sprint(d), "")
				sc.Check()
				s.clock.Advance(23 * time.Hour)
				sc.Check() // not a day old yet: nothing new
				s.clock.Advance(time.Hour)
			}
			if got := names(t, backups); !slices.Equal(got, tc.want) {
				t.Errorf("after %d days:\n got  %v\n want %v", tc.days, got, tc.want)
			}
			for _, f := range foreign {
				if _, err := os.Stat(filepath.Join(backups, f)); err != nil {
					t.Errorf("rotation touched %s: %v", f, err)
				}
			}
			if st := sc.Status(); st.Err != nil || st.Last.IsZero() {
				t.Errorf("status %+v", st)
			}
		})
	}
}

// TestBackup_ExtraFolderFailure: a missing extra folder is a warning, the local copy is
// still made, the folder is not created; once it is back, a check catches it up.
func TestBackup_ExtraFolderFailure(t *testing.T) {
	s := newSalon(t)
	s.receive("1", "фото")
	extra := filepath.Join(t.TempDir(), "E", "SalonChat")
	must(t, SaveSettings(s.dir, Settings{ExtraDir: extra}))
	sc := s.scheduler(Options{})
	changed := 0
	cancel := sc.Subscribe(func() { changed++ })
	defer cancel()

	info, err := sc.BackupNow()
	if err != nil {
		t.Fatalf("local backup failed with the extra folder missing: %v", err)
	}
	if _, err := os.Stat(info.Path); err != nil {
		t.Fatal(err)
	}
	st := sc.Status()
	if key, args := inbox.ErrorKey(st.ExtraErr); key != "backup.extra_missing" || args["Dir"] != extra {
		t.Errorf("extra folder error %v (%s); want backup.extra_missing", st.ExtraErr, key)
	}
	if st.Err != nil || !st.Last.Equal(info.Created) {
		t.Errorf("local status %+v", st)
	}
	if _, err := os.Stat(extra); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the missing extra folder was created: %v", err)
	}
	if changed == 0 {
		t.Error("subscribers were not told")
	}

	must(t, os.MkdirAll(extra, 0o700)) // the USB stick is back
	s.clock.Advance(time.Hour)
	sc.Check()
	st = sc.Status()
	if st.ExtraErr != nil || st.ExtraLast.IsZero() {
		t.Errorf("after the folder came back: %+v", st)
	}
	if got := names(t, extra); !slices.Equal(got, []string{info.Name}) {
		t.Errorf("extra folder has %v; want %s", got, info.Name)
	}
	if _, err := os.Stat(filepath.Join(extra, "files", "telegram-1", "1_фото записи.jpg")); err != nil {
		t.Errorf("files not mirrored to the extra folder: %v", err)
	}
}

func TestBackup_ExtraFolderNoPermission(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	s := newSalon(t)
	extra := t.TempDir()
	must(t, os.Chmod(extra, 0o500))
	t.Cleanup(func() { os.Chmod(extra, 0o700) })
	sc := s.scheduler(Options{})
	must(t, sc.SetExtraDir(extra))
	if _, err := sc.BackupNow(); err != nil {
		t.Fatal(err)
	}
	if key, _ := inbox.ErrorKey(sc.Status().ExtraErr); key != "backup.extra_denied" {
		t.Errorf("key %s; want backup.extra_denied", key)
	}
}

func TestExtraError_Keys(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&os.PathError{Op: "stat", Path: "E:", Err: os.ErrNotExist}, "backup.extra_missing"},
		{&os.PathError{Op: "open", Path: "E:", Err: os.ErrPermission}, "backup.extra_denied"},
		{&os.PathError{Op: "write", Path: "E:", Err: syscall.ENOSPC}, "backup.extra_full"},
		{errors.New("i/o error"), "backup.extra_failed"},
	} {
		if key, _ := inbox.ErrorKey(extraError("E:", tc.err)); key != tc.want {
			t.Errorf("extraError(%v) = %s; want %s", tc.err, key, tc.want)
		}
	}
}

// TestBackup_RunMakesFirstBackupSoon: Run makes a backup at its first check when there
// is none, and not again while the newest is younger than a day.
func TestBackup_RunMakesFirstBackupSoon(t *testing.T) {
	s := newSalon(t)
	sc := s.scheduler(Options{FirstDelay: time.Millisecond, CheckEvery: time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); sc.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for sc.Status().Last.IsZero() && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // several more checks
	cancel()
	<-done
	if got := names(t, sc.Folder()); len(got) != 1 {
		t.Errorf("backups %v; want exactly one", got)
	}
}

// TestBackup_ManualCopyKeepsTheMorningOne: a copy made by hand the same day leaves the
// scheduled one of that morning until a day has passed; then only the day's newest stays.
func TestBackup_ManualCopyKeepsTheMorningOne(t *testing.T) {
	s := newSalon(t)
	sc := s.scheduler(Options{})
	sc.Check() // 03:00, scheduled
	s.clock.Advance(12 * time.Hour)
	if _, err := sc.BackupNow(); err != nil { // 15:00, by hand
		t.Fatal(err)
	}
	if got, want := names(t, sc.Folder()), []string{day(2), "salonchat-20261102-150000.zip"}; !slices.Equal(got, want) {
		t.Errorf("same day: %v; want %v", got, want)
	}
	s.clock.Advance(12 * time.Hour)
	sc.Check() // 3 November 03:00: 15:00 is not a day old, no backup yet
	s.clock.Advance(12 * time.Hour)
	sc.Check() // 15:00: a day since the last one
	if got, want := names(t, sc.Folder()), []string{"salonchat-20261102-150000.zip", "salonchat-20261103-150000.zip"}; !slices.Equal(got, want) {
		t.Errorf("next day: %v; want %v", got, want)
	}
}

func TestBackup_RemovesWhatACrashLeft(t *testing.T) {
	s := newSalon(t)
	sc := s.scheduler(Options{})
	left := []string{".snapshot-salonchat-20261101-030000.zip.db", ".salonchat-20261101-030000.zip-123.partial", ".backup-9.partial"}
	must(t, os.MkdirAll(sc.Folder(), 0o700))
	for _, f := range left {
		must(t, os.WriteFile(filepath.Join(sc.Folder(), f), []byte("половина копии"), 0o600))
	}
	if _, err := sc.BackupNow(); err != nil {
		t.Fatal(err)
	}
	for _, f := range left {
		if _, err := os.Stat(filepath.Join(sc.Folder(), f)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still there: %v", f, err)
		}
	}
}

// TestBackup_ClockWasAhead: a copy named by a clock that was set years ahead does not
// stop the daily backups once the clock is right again.
func TestBackup_ClockWasAhead(t *testing.T) {
	s := newSalon(t)
	s.clock.Set(time.Date(2030, 1, 1, 3, 0, 0, 0, time.UTC))
	sc := s.scheduler(Options{})
	sc.Check()
	s.clock.Set(t0)
	sc.Check()
	if got := names(t, sc.Folder()); len(got) != 2 || got[0] != day(2) {
		t.Errorf("backups %v; want today's one beside the 2030 one", got)
	}
	// Started again an hour later: today's copy counts as the newest, nothing is due.
	s.clock.Advance(time.Hour)
	sc = s.scheduler(Options{})
	sc.Check()
	if got := names(t, sc.Folder()); len(got) != 2 {
		t.Errorf("after a restart: %v; want no new copy", got)
	}
}
