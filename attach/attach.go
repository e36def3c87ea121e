package attach

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"salonchat/inbox"
)

// OutboxDir is the folder, inside the data folder, where files wait to be sent.
const OutboxDir = "outbox"

// Describe reads what a message needs to know of a picked file: its name, size, kind and
// MIME type. A file that cannot be read, or a folder, is refused with an error naming it.
func Describe(src string) (inbox.Attachment, error) {
	name := filepath.Base(src)
	st, err := os.Stat(src)
	if err == nil && st.IsDir() {
		err = errors.New("is a folder")
	}
	if err != nil {
		return inbox.Attachment{}, &inbox.Error{Code: inbox.CodeInvalid, Key: "composer.attach.unreadable",
			Args: map[string]any{"Name": name}, Err: err}
	}
	kind, mimeType := Kind(src)
	return inbox.Attachment{Kind: kind, Name: name, MIME: mimeType, Size: st.Size()}, nil
}

// Fit sends a photo too big to go as a photo as a file (networks take bigger files than
// photos); limit is the largest size of a kind, 0 for none. Whether the result fits at
// all is the caller's check.
func Fit(a inbox.Attachment, limit func(inbox.AttachmentKind) int64) inbox.Attachment {
	if l := limit(inbox.AttachImage); a.Kind == inbox.AttachImage && l > 0 && a.Size > l {
		a.Kind = inbox.AttachFile
	}
	return a
}

// LimitOf is a network's size limit by kind, as Fit takes it, read from the limits the
// Service checks before queueing (see inbox.Limits.Check).
func LimitOf(l inbox.Limits) func(inbox.AttachmentKind) int64 {
	return func(k inbox.AttachmentKind) int64 {
		if k == inbox.AttachImage && l.ImageSize > 0 {
			return l.ImageSize
		}
		return l.FileSize
	}
}

// Kind tells a picture, a video or a sound from other files by the name, else by the
// first bytes, and returns the MIME type it found.
func Kind(path string) (inbox.AttachmentKind, string) {
	t := mime.TypeByExtension(strings.ToLower(filepath.Ext(path)))
	if t == "" {
		if f, err := os.Open(path); err == nil {
			head := make([]byte, 512)
			n, _ := io.ReadFull(f, head)
			f.Close()
			t = http.DetectContentType(head[:n])
		}
	}
	t, _, _ = strings.Cut(t, ";")
	switch {
	case t == "image/jpeg", t == "image/png", t == "image/gif", t == "image/webp":
		return inbox.AttachImage, t
	case strings.HasPrefix(t, "video/"):
		return inbox.AttachVideo, t
	case strings.HasPrefix(t, "audio/"):
		return inbox.AttachAudio, t
	}
	return inbox.AttachFile, t
}

// Copy copies src into the outbox of dataDir under a unique, sanitised name. It returns a
// with Path set relative to the data folder (as messages store it) and the copy's path on
// disk, which the caller removes if the message is not queued after all.
func Copy(dataDir, src string, a inbox.Attachment) (_ inbox.Attachment, full string, err error) {
	if dataDir == "" {
		return a, "", errors.New("outbox: no data folder")
	}
	dir := filepath.Join(dataDir, OutboxDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return a, "", err
	}
	in, err := os.Open(src)
	if err != nil {
		return a, "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, "*-"+SanitizeName(a.Name))
	if err != nil {
		return a, "", err
	}
	if _, err = io.Copy(out, in); err == nil {
		err = out.Close()
	} else {
		out.Close()
	}
	if err != nil {
		os.Remove(out.Name())
		return a, "", err
	}
	a.Path = OutboxDir + "/" + filepath.Base(out.Name())
	return a, out.Name(), nil
}

// SanitizeName keeps letters, digits and a few marks, so that no name can reach outside
// the outbox or trip Windows' reserved characters.
func SanitizeName(name string) string {
	clean := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), strings.ContainsRune(".-_()", r):
			return r
		case unicode.IsSpace(r):
			return '_'
		}
		return -1
	}, name)
	clean = strings.TrimLeft(clean, ".")
	if r := []rune(clean); len(r) > 80 {
		clean = string(r[len(r)-80:])
	}
	if clean == "" {
		return "file"
	}
	return clean
}
