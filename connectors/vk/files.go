package vk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"

	"salonchat/connectors/internal/files"
	"salonchat/inbox"
)

// downloadTimeout bounds one file's download.
const downloadTimeout = 10 * time.Minute

// fetch downloads a message's files into the account's folder. A file that cannot be
// fetched (over the limit, gone, network trouble) stays an attachment with its
// RemoteID and no Path, so the message is stored anyway; only the end of ctx stops the
// message (VK delivers it again from the saved position).
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
		c.log.Warn("file not downloaded, kept as a reference to VK", "message", string(in.ExternalID),
			"kind", string(a.Kind), "size", a.Size, "err", c.api.logValue(err))
	}
	return nil
}

func (c *Connector) fetchOne(ctx context.Context, a *inbox.Attachment, f remoteFile) error {
	if a.Size > maxDownloadSize {
		return files.ErrTooBig
	}
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	rel := path.Join(files.Dir(inbox.VK, c.acc.ID), storedName(f.name, a.Name))
	n, err := c.api.download(ctx, f.url, files.Abs(c.opts.DataDir, rel))
	if err != nil {
		return err
	}
	a.Path, a.Size = rel, n
	return nil
}

// storedName is a file's name on disk: VK's id of the file (the same file delivered
// again lands on itself) and the sanitised original name.
func storedName(id, name string) string {
	if id == "" || files.SanitizeName(id) != id {
		id = "file"
	}
	return id + "_" + files.SanitizeName(name)
}

// download streams a file to dst (see files.Copy) and returns its size. Redirects (vk.com/doc… links lead to the
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
	n, err := files.Copy(dst, resp.Body, maxDownloadSize)
	if err != nil && !errors.Is(err, files.ErrTooBig) {
		return 0, fmt.Errorf("download: %w", c.redact(err))
	}
	return n, err
}
