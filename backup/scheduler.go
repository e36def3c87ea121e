package backup

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"salonchat/inbox"
)

// Dir is the folder of the data folder that backups go to.
const Dir = "backups"

// Defaults of Options.
const (
	defaultFirstDelay = 2 * time.Minute
	defaultCheckEvery = time.Hour
	// maxAge is how old the newest backup may get before the next one is made.
	maxAge = 24 * time.Hour
)

// Options configure a Scheduler.
type Options struct {
	// DataDir is the data folder: the files of messages come from it, backups go to its
	// backups folder, and its backup-settings.json names the extra folder.
	DataDir string
	Clock   inbox.Clock    // default inbox.SystemClock
	Loc     *time.Location // of backup names and rotation days; default time.Local
	Log     *slog.Logger
	// FirstDelay is how long after Run starts the first check comes (default two
	// minutes: the window and the connectors start first); CheckEvery how often the
	// checks follow (default an hour).
	FirstDelay, CheckEvery time.Duration
}

// Status is what the backups settings show.
type Status struct {
	// Last is when the newest local backup was made; zero: there is none.
	Last time.Time
	// Running: a backup is being made now.
	Running bool
	// Err is why the last local backup failed; nil once one succeeds.
	Err error
	// ExtraDir is the extra folder; empty: none.
	ExtraDir string
	// ExtraErr is why the extra folder could not be brought up to date last time (an
	// inbox.Error with a key); nil when it was, or not tried yet.
	ExtraErr error
	// ExtraLast is when the extra folder was last brought up to date.
	ExtraLast time.Time
}

// Scheduler makes a backup when the newest is a day old, keeps the rotation, copies
// to the extra folder, and makes one on request. Its methods may be called from any
// goroutine.
type Scheduler struct {
	src  Source
	opts Options
	dir  string

	work sync.Mutex // one backup or extra-folder copy at a time

	mu      sync.Mutex
	status  Status
	checked bool // the extra folder was tried since start
	subs    map[int]func()
	nextSub int
}

// New makes a Scheduler for src; Run starts its checks. It reads the settings of the
// data folder and the backups already there; trouble with either shows in Status
// rather than stopping backups, which must go on whatever happens.
func New(src Source, opts Options) *Scheduler {
	if opts.Clock == nil {
		opts.Clock = inbox.SystemClock{}
	}
	if opts.Loc == nil {
		opts.Loc = time.Local
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.FirstDelay <= 0 {
		opts.FirstDelay = defaultFirstDelay
	}
	if opts.CheckEvery <= 0 {
		opts.CheckEvery = defaultCheckEvery
	}
	if abs, err := filepath.Abs(opts.DataDir); err == nil {
		opts.DataDir = abs // shown to people and pasted into commands run elsewhere
	}
	s := &Scheduler{src: src, opts: opts, dir: filepath.Join(opts.DataDir, Dir), subs: map[int]func(){}}
	set, err := LoadSettings(opts.DataDir)
	if err != nil {
		opts.Log.Error("backup settings", "err", err)
		s.status.ExtraErr = &inbox.Error{Code: inbox.CodeInvalid, Key: "backup.settings_broken",
			Args: map[string]any{"File": filepath.Join(opts.DataDir, settingsFile)}, Err: err}
	}
	s.status.ExtraDir = set.ExtraDir
	bs, err := list(s.dir, opts.Loc)
	if err != nil {
		opts.Log.Error("list backups", "err", err)
	}
	s.status.Last = newest(bs, opts.Clock.Now())
	return s
}

// newest is when the newest of bs (newest first) was made, leaving out copies from the
// future (named by a clock set ahead, see Check); zero when there is none.
func newest(bs []Info, now time.Time) time.Time {
	for _, b := range bs {
		if b.Created.Before(now.Add(time.Hour)) {
			return b.Created
		}
	}
	return time.Time{}
}

// Folder is the local backups folder.
func (s *Scheduler) Folder() string { return s.dir }

// Run checks after FirstDelay and then every CheckEvery until ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	t := time.NewTimer(s.opts.FirstDelay)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s.Check()
		t.Reset(s.opts.CheckEvery)
	}
}

// Check makes a backup when there is none or the newest is a day old; otherwise it
// retries the extra folder when it failed last time (or was not tried since start), so
// a drive plugged back in catches up without waiting a day.
func (s *Scheduler) Check() {
	st := s.Status()
	// A newest copy from the future means the clock was wrong when it was made; waiting
	// for it to age would stop backups until then.
	age := s.opts.Clock.Now().Sub(st.Last)
	if st.Last.IsZero() || age >= maxAge || age < -time.Hour {
		if _, err := s.BackupNow(); err != nil {
			s.opts.Log.Error("scheduled backup", "err", err)
		}
		return
	}
	s.mu.Lock()
	retry := st.ExtraDir != "" && (st.ExtraErr != nil || !s.checked)
	s.mu.Unlock()
	if retry {
		s.work.Lock()
		defer s.work.Unlock()
		s.copyExtra()
	}
}

// BackupNow makes a backup at once (waiting for one in progress to end), rotates the
// local backups and copies to the extra folder. Its error is the local failure; an
// extra-folder failure shows in Status only.
func (s *Scheduler) BackupNow() (Info, error) {
	s.work.Lock()
	defer s.work.Unlock()
	s.update(func(st *Status) { st.Running = true })
	info, err := s.backup()
	s.update(func(st *Status) {
		st.Running = false
		st.Err = err
		if err == nil {
			st.Last = info.Created
		}
	})
	if err != nil {
		return info, err
	}
	s.copyExtra()
	return info, nil
}

// backup makes the local backup: the database first, then the files it may refer to,
// so that every file of the copy is in the mirror.
func (s *Scheduler) backup() (Info, error) {
	now := s.opts.Clock.Now().In(s.opts.Loc).Truncate(time.Second)
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return Info{}, localError(s.dir, err)
	}
	s.removeLeftovers()
	path := s.freeName(now)
	if err := writeArchive(path, s.src, now, ""); err != nil {
		return Info{}, localError(s.dir, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return Info{}, localError(s.dir, err)
	}
	info := Info{Path: path, Name: filepath.Base(path), Created: now, Size: st.Size()}
	n, err := mirror(s.opts.DataDir, s.dir)
	if err != nil {
		return info, localError(s.dir, fmt.Errorf("copy files: %w", err))
	}
	removed, err := prune(s.dir, s.opts.Loc)
	s.opts.Log.Info("backup made", "file", info.Path, "bytes", info.Size, "files_copied", n, "removed", removed)
	if err != nil {
		s.opts.Log.Warn("rotate backups", "err", err)
	}
	return info, nil
}

// removeLeftovers deletes what a backup cut short by a crash or a power cut left in
// the backups folder: a store's worth of bytes each. Only this process can be making a
// backup of the store it holds, and s.work is held, so none of them is in use.
func (s *Scheduler) removeLeftovers() {
	for _, pattern := range []string{".snapshot-*", ".*.partial"} {
		left, _ := filepath.Glob(filepath.Join(s.dir, pattern))
		for _, p := range left {
			if err := os.Remove(p); err == nil {
				s.opts.Log.Info("removed an unfinished backup", "file", p)
			}
		}
	}
}

// freeName is the path of a backup made at t, with "-2", "-3"… when that second
// already has one.
func (s *Scheduler) freeName(t time.Time) string {
	p := filepath.Join(s.dir, fileName(t, s.opts.Loc))
	for i := 2; ; i++ {
		if _, err := os.Stat(p); os.IsNotExist(err) {
			return p
		}
		p = filepath.Join(s.dir, fmt.Sprintf("%s%s-%d%s", namePrefix, t.In(s.opts.Loc).Format(nameLayout), i, nameExt))
	}
}

// copyExtra brings the extra folder up to date and records how that went; the caller
// holds s.work.
func (s *Scheduler) copyExtra() {
	s.mu.Lock()
	dir := s.status.ExtraDir
	s.checked = true
	s.mu.Unlock()
	if dir == "" {
		return
	}
	err := syncExtra(dir, s.dir, s.opts.DataDir, s.opts.Loc)
	if err != nil {
		s.opts.Log.Warn("copy backups to the extra folder", "dir", dir, "err", err)
		err = extraError(dir, err)
	}
	s.update(func(st *Status) {
		if st.ExtraDir != dir {
			return // changed meanwhile
		}
		st.ExtraErr = err
		if err == nil {
			st.ExtraLast = s.opts.Clock.Now()
		}
	})
}

// SetExtraDir saves the extra folder ("" for none) and copies the backups there at
// once, so that a folder that does not work says so now. It returns the saving error;
// the copy's result shows in Status.
func (s *Scheduler) SetExtraDir(dir string) error {
	if err := SaveSettings(s.opts.DataDir, Settings{ExtraDir: dir}); err != nil {
		return localError(s.opts.DataDir, err)
	}
	s.update(func(st *Status) { st.ExtraDir, st.ExtraErr, st.ExtraLast = dir, nil, time.Time{} })
	s.work.Lock()
	defer s.work.Unlock()
	s.copyExtra()
	return nil
}

// List returns the kept local backups, newest first.
func (s *Scheduler) List() ([]Info, error) { return list(s.dir, s.opts.Loc) }

// Kept lists the copies in a data folder's backups folder, newest first, without a
// scheduler: for when the store there cannot be opened (see ui.ShowRecovery).
func Kept(dataDir string) ([]Info, error) { return list(filepath.Join(dataDir, Dir), time.Local) }

// Status returns the current state.
func (s *Scheduler) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.status
}

// Subscribe calls fn (on the scheduler's goroutine, without locks held) after every
// change of Status until cancel is called.
func (s *Scheduler) Subscribe(fn func()) (cancel func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextSub
	s.nextSub++
	s.subs[id] = fn
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.subs, id)
	}
}

func (s *Scheduler) update(change func(*Status)) {
	s.mu.Lock()
	change(&s.status)
	fns := make([]func(), 0, len(s.subs))
	for _, fn := range s.subs {
		fns = append(fns, fn)
	}
	s.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}
