package vk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"salonchat/inbox"
)

// downloadTimeout bounds one file's download.
const downloadTimeout = 10 * time.Minute

// fetch downloads a message's files into the account's folder. A file that cannot be
// fetched (over the limit, gone, network trouble) stays an attachment with its
// RemoteID and no Path, so the message is stored anyway; only the end of ctx stops the
// message (VK delivers it again from the saved position).
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
		c.log.Warn("file not downloaded, kept as a reference to VK", "message", string(in.ExternalID),
			"kind", string(a.Kind), "size", a.Size, "err", c.api.logValue(err))
	}
	return nil
}

func (c *Connector) fetchOne(ctx context.Context, a *inbox.Attachment, f remoteFile) error {
	if a.Size > maxDownloadSize {
		return errTooBig
	}
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	rel := path.Join("files", c.folder(), storedName(f.name, a.Name))
	n, err := c.api.download(ctx, f.url, filepath.Join(c.opts.DataDir, filepath.FromSlash(rel)))
	if err != nil {
		return err
	}
	a.Path, a.Size = rel, n
	return nil
}

// folder is the account's folder under DataDir/files.
func (c *Connector) folder() string { return "vk-" + strconv.FormatUint(uint64(c.acc.ID), 10) }

// storedName is a file's name on disk: VK's id of the file (the same file delivered
// again lands on itself) and the sanitised original name.
func storedName(id, name string) string {
	if id == "" || sanitizeName(id) != id {
		id = "file"
	}
	return id + "_" + sanitizeName(name)
}

// download streams a file to dst (through a temporary file, so a half-written file never
// has the final name) and returns its size. Redirects (vk.com/doc… links lead to the
// file's server) are followed.
func (c *client) download(ctx context.Context, url, dst string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, errors.New("download: bad file address")
	}
	resp, err := c.transfer.Do(req)
	if err != nil {
		return 0, fmt.Errorf("download: %w", c.redact(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, &statusError{Code: resp.StatusCode, What: "download"}
	}
	if ct := resp.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/html") {
		// vk.com answers a doc link it will not serve (deleted, private) with a page.
		return 0, &statusError{Code: resp.StatusCode, What: "download (a web page, not the file)"}
	}
	// Clients' files are personal data: readable by this user only.
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".download-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	n, err := io.Copy(tmp, io.LimitReader(resp.Body, maxDownloadSize+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return 0, fmt.Errorf("download: %w", c.redact(err))
	case n > maxDownloadSize:
		return 0, errTooBig
	}
	return n, os.Rename(tmp.Name(), dst)
}

// maxNameBytes bounds a sanitised name (file systems allow 255 bytes; the id prefix
// and the folder need room too).
const maxNameBytes = 120

// sanitizeName makes a name from the network safe as one file name on Windows, macOS
// and Linux: no path separators, no characters Windows refuses, no control or
// direction-changing characters (which can disguise "exe.jpg"), no leading or trailing
// dots and spaces, no reserved device names, at most maxNameBytes bytes with the
// extension kept. (The same rules as the Telegram connector's; a shared helper would
// live in package connectors.)
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
