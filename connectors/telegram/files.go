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
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"salonchat/connectors/internal/files"
	"salonchat/inbox"
)

// downloadTimeout bounds one file's download (20 MB on a slow line fits easily).
const downloadTimeout = 10 * time.Minute

// fetch downloads a message's files into the account's folder. A file that cannot be
// fetched (over the limit, gone, network trouble) stays an attachment with its RemoteID
// and no Path, so the message is stored anyway; only the end of ctx stops the message
// (Telegram will deliver it again).
func (c *Connector) fetch(ctx context.Context, in *inbox.Inbound, remote []remoteFile) error {
	for _, f := range remote {
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
		return files.ErrTooBig
	}
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	info, err := c.api.bot.GetFile(ctx, &bot.GetFileParams{FileID: f.fileID})
	if err != nil {
		return fmt.Errorf("getFile: %w", err)
	}
	if limit > 0 && info.FileSize > limit {
		return files.ErrTooBig
	}
	if ext := path.Ext(info.FilePath); ext != "" && path.Ext(a.Name) == "" {
		a.Name += ext
	}
	if a.MIME == "" {
		a.MIME = mime.TypeByExtension(path.Ext(a.Name))
	}
	rel := path.Join(files.Dir(inbox.Telegram, c.acc.ID), storedName(f, a.Name))
	n, err := c.api.download(ctx, info, files.Abs(c.opts.DataDir, rel), limit)
	if err != nil {
		return err
	}
	a.Path, a.Size = rel, n
	return nil
}

// downloadLimit is the Bot API's 20 MB through the public server; a local server has
// none.
func (c *Connector) downloadLimit() int64 {
	if c.api.local {
		return 0
	}
	return maxDownloadSize
}

// storedName is a file's name on disk: Telegram's unique id of the file (the same file
// delivered again lands on itself) and the sanitised original name.
func storedName(f remoteFile, name string) string {
	id := f.uniqueID
	if id == "" || files.SanitizeName(id) != id {
		sum := sha256.Sum256([]byte(f.fileID))
		id = hex.EncodeToString(sum[:8])
	}
	return id + "_" + files.SanitizeName(name)
}

// download streams a file to dst (see files.Copy) and returns its size. limit > 0
// refuses longer files.
func (c *client) download(ctx context.Context, f *models.File, dst string, limit int64) (int64, error) {
	src, err := c.openFile(ctx, f)
	if err != nil {
		return 0, err
	}
	defer src.Close()
	n, err := files.Copy(dst, src, limit)
	if err != nil && !errors.Is(err, files.ErrTooBig) {
		return 0, fmt.Errorf("download: %w", c.redact(err))
	}
	return n, err
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
