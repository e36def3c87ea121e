package vk

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"

	"github.com/SevereCloud/vksdk/v2/api"
)

// uploadError is an upload server's refusal of a file (its answer names no file, or
// says "error"): a wrong format, an empty or damaged file.
type uploadError struct{ What, Detail string }

func (e *uploadError) Error() string { return fmt.Sprintf("%s upload refused: %s", e.What, e.Detail) }

// uploadAll uploads a message's files and returns them as messages.send's attachment
// names, in order.
func (c *Connector) uploadAll(ctx context.Context, peer int, files []outFile) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, uploadTimeout)
	defer cancel()
	var atts []string
	for _, f := range files {
		att, err := c.uploadOne(ctx, peer, f)
		if err != nil {
			return nil, fmt.Errorf("upload %q: %w", f.name, err)
		}
		atts = append(atts, att)
	}
	return atts, nil
}

// uploadOne uploads a picture as a photo, or any file as a document. A picture VK will
// not take as a photo (odd proportions, a format it does not read) goes as a document.
func (c *Connector) uploadOne(ctx context.Context, peer int, f outFile) (string, error) {
	if f.photo {
		att, err := c.uploadPhoto(ctx, peer, f)
		var ue *uploadError
		if !errors.As(err, &ue) {
			return att, err
		}
		c.log.Info("picture refused as a photo; sending it as a file", "err", err)
	}
	return c.uploadDoc(ctx, peer, f)
}

// uploadPhoto: photos.getMessagesUploadServer, the upload, photos.saveMessagesPhoto.
func (c *Connector) uploadPhoto(ctx context.Context, peer int, f outFile) (string, error) {
	var srv struct {
		UploadURL string `json:"upload_url"`
	}
	if err := c.api.call(ctx, "photos.getMessagesUploadServer", api.Params{"peer_id": peer}, &srv); err != nil {
		return "", err
	}
	var up struct {
		Server int    `json:"server"`
		Photo  string `json:"photo"`
		Hash   string `json:"hash"`
		Error  string `json:"error"`
	}
	if err := c.api.upload(ctx, srv.UploadURL, "photo", f, &up); err != nil {
		return "", err
	}
	if up.Error != "" || up.Photo == "" || up.Photo == "[]" {
		return "", &uploadError{What: "photo", Detail: cmp.Or(up.Error, "no photo in the answer")}
	}
	var saved []struct {
		ID        int    `json:"id"`
		OwnerID   int    `json:"owner_id"`
		AccessKey string `json:"access_key"`
	}
	p := api.Params{"server": up.Server, "photo": up.Photo, "hash": up.Hash}
	if err := c.api.call(ctx, "photos.saveMessagesPhoto", p, &saved); err != nil {
		return "", err
	}
	if len(saved) == 0 {
		return "", &uploadError{What: "photo", Detail: "photos.saveMessagesPhoto saved nothing"}
	}
	return attachmentName("photo", saved[0].OwnerID, saved[0].ID, saved[0].AccessKey), nil
}

// uploadDoc: docs.getMessagesUploadServer, the upload, docs.save.
func (c *Connector) uploadDoc(ctx context.Context, peer int, f outFile) (string, error) {
	var srv struct {
		UploadURL string `json:"upload_url"`
	}
	if err := c.api.call(ctx, "docs.getMessagesUploadServer", api.Params{"type": "doc", "peer_id": peer}, &srv); err != nil {
		return "", err
	}
	var up struct {
		File  string `json:"file"`
		Error string `json:"error"`
		Descr string `json:"error_descr"`
	}
	if err := c.api.upload(ctx, srv.UploadURL, "file", f, &up); err != nil {
		return "", err
	}
	if up.Error != "" || up.File == "" {
		return "", &uploadError{What: "document", Detail: cmp.Or(joinNonEmpty(": ", up.Error, up.Descr), "no file in the answer")}
	}
	var saved struct {
		Doc struct {
			ID        int    `json:"id"`
			OwnerID   int    `json:"owner_id"`
			AccessKey string `json:"access_key"`
		} `json:"doc"`
	}
	if err := c.api.call(ctx, "docs.save", api.Params{"file": up.File, "title": f.name}, &saved); err != nil {
		return "", err
	}
	if saved.Doc.ID == 0 {
		return "", &uploadError{What: "document", Detail: "docs.save saved nothing"}
	}
	return attachmentName("doc", saved.Doc.OwnerID, saved.Doc.ID, saved.Doc.AccessKey), nil
}

// attachmentName is messages.send's name of an uploaded file: "photo-1_2" or
// "photo-1_2_accesskey".
func attachmentName(kind string, owner, id int, accessKey string) string {
	s := fileID(kind, owner, id)
	if accessKey != "" {
		s += "_" + accessKey
	}
	return s
}

// upload posts a file to an upload server as multipart/form-data in the given field,
// streaming it from disk with its length known in advance, and decodes the answer.
func (c *client) upload(ctx context.Context, url, field string, f outFile, dest any) error {
	file, err := os.Open(f.path)
	if err != nil {
		return err
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return err
	}
	var head bytes.Buffer
	w := multipart.NewWriter(&head)
	if _, err := w.CreateFormFile(field, f.name); err != nil {
		return err
	}
	n := head.Len()
	w.Close()
	tail := append([]byte(nil), head.Bytes()[n:]...)
	head.Truncate(n)
	body := io.MultiReader(&head, file, bytes.NewReader(tail))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, body)
	if err != nil {
		return errors.New("upload: bad server address")
	}
	req.ContentLength = int64(n) + st.Size() + int64(len(tail))
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := c.transfer.Do(req)
	if err != nil {
		return fmt.Errorf("upload: %w", c.redact(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return &statusError{Code: resp.StatusCode, What: "upload"}
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("upload: %w", c.redact(err))
	}
	if err := json.Unmarshal(b, dest); err != nil {
		return &statusError{Code: resp.StatusCode, What: "upload (not a JSON answer)"}
	}
	return nil
}
