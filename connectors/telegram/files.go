package telegram

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"salonchat/inbox"
)

// errTooBig: the file is over the Bot API's download limit (20 MB without a local server).
var errTooBig = errors.New("file is over the download limit")

// downloadTimeout bounds one file's download (20 MB on a slow line fits easily).
const downloadTimeout = 10 * time.Minute

// fetch downloads a message's files into the account's folder. A file that cannot be
// fetched (over the limit, gone, network trouble) stays an attachment with its RemoteID
// and no Path, so the message is stored anyway; only the end of ctx stops the message
// (Telegram will deliver it again).
func (c *Connector) fetch(ctx context.Context, in *inbox.Inbound, files []remoteFile) error {
	for _, f := range files {
		a := &in.Attachments[f.att]
		err := c.fetchOne(ctx, a, f)
		if err == nil {
			continue
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c.log.Warn("file not downloaded, kept as a reference to Telegram", "message", string(in.ExternalID),
			"kind", string(a.Kind), "size", a.Size, "err", c.api.logValue(err))
	}
	return nil
}

func (c *Connector) fetchOne(ctx context.Context, a *inbox.Attachment, f remoteFile) error {
	limit := c.downloadLimit()
	if limit > 0 && a.Size > limit {
		return errTooBig
	}
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	info, err := c.api.bot.GetFile(ctx, &bot.GetFileParams{FileID: f.fileID})
	if err != nil {
		return fmt.Errorf("getFile: %w", err)
	}
	if limit > 0 && info.FileSize > limit {
		return errTooBig
	}
	if ext := path.Ext(info.FilePath); ext != "" && path.Ext(a.Name) == "" {
		a.Name += ext
	}
	if a.MIME == "" {
		a.MIME = mime.TypeByExtension(path.Ext(a.Name))
	}
	rel := path.Join("files", c.folder(), storedName(f, a.Name))
	n, err := c.api.download(ctx, info, filepath.Join(c.opts.DataDir, filepath.FromSlash(rel)), limit)
	if err != nil {
		return err
	}
	a.Path, a.Size = rel, n
	return nil
}

// downloadLimit is 20 MB through the public server; a local server has none.
func (c *Connector) downloadLimit() int64 {
	if c.api.local {
		return 0
	}
	return maxDownloadSize
}

// folder is the account's folder under DataDir/files.
func (c *Connector) folder() string { return "telegram-" + strconv.FormatUint(uint64(c.acc.ID), 10) }

// storedName is a file's name on disk: Telegram's unique id of the file (the same file
// delivered again lands on itself) and the sanitised original name.
func storedName(f remoteFile, name string) string {
	id := f.uniqueID
	if id == "" || sanitizeName(id) != id {
		sum := sha256.Sum256([]byte(f.fileID))
		id = hex.EncodeToString(sum[:8])
	}
	return id + "_" + sanitizeName(name)
}

// download streams a file to dst (through a temporary file, so a half-written file never
// has the final name) and returns its size. limit > 0 refuses longer files.
func (c *client) download(ctx context.Context, f *models.File, dst string, limit int64) (int64, error) {
	src, err := c.openFile(ctx, f)
	if err != nil {
		return 0, err
	}
	defer src.Close()
	// Clients' files are personal data: readable by this user only.
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".download-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	r := io.Reader(src)
	if limit > 0 {
		r = io.LimitReader(src, limit+1)
	}
	n, err := io.Copy(tmp, r)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return 0, fmt.Errorf("download: %w", c.redact(err))
	case limit > 0 && n > limit:
		return 0, errTooBig
	}
	return n, os.Rename(tmp.Name(), dst)
}

// openFile opens a file on the Bot API server. A local server (started with --local)
// gives an absolute path on its own disk: read it there when it is this computer.
func (c *client) openFile(ctx context.Context, f *models.File) (io.ReadCloser, error) {
	if c.local && filepath.IsAbs(f.FilePath) {
		if r, err := os.Open(f.FilePath); err == nil {
			return r, nil
		}
	}
	// The link holds the token: it must never reach a log or an error text.
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.bot.FileDownloadLink(f), nil)
	if err != nil {
		return nil, errors.New("download: bad file path")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download: %w", c.redact(err))
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("download: %w", &statusError{Code: resp.StatusCode})
	}
	return resp.Body, nil
}

// maxNameBytes bounds a sanitised name (file systems allow 255 bytes; the id prefix
// and the folder need room too).
const maxNameBytes = 120

// sanitizeName makes a name from the network safe as one file name on Windows, macOS
// and Linux: no path separators, no characters Windows refuses, no control or
// direction-changing characters (which can disguise "exe.jpg"), no leading or trailing
// dots and spaces, no reserved device names, at most maxNameBytes bytes with the
// extension kept.
func sanitizeName(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			continue
		case strings.ContainsRune(`/\<>:"|?*`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.Trim(b.String(), " .")
	if s == "" {
		s = "file"
	}
	ext := path.Ext(s)
	if len(ext) > 16 || ext == s {
		ext = ""
	}
	stem := strings.TrimSuffix(s, ext)
	if reservedName(stem) {
		stem = "_" + stem
	}
	if len(stem)+len(ext) > maxNameBytes {
		stem = truncateUTF8(stem, maxNameBytes-len(ext))
	}
	return stem + ext
}

// reservedName reports the device names Windows will not open as files (CON, NUL,
// COM1, "nul.txt" too).
func reservedName(stem string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(stem), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		return base[3] >= '0' && base[3] <= '9'
	}
	return false
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	for len(s) > n {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}
