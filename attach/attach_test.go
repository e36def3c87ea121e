package attach

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"salonchat/inbox"
)

func TestSanitizeName(t *testing.T) {
	cases := map[string]string{
		"фото 1.jpg":         "фото_1.jpg",
		"../../etc/passwd":   "etcpasswd",
		"con:fig?*.txt":      "config.txt",
		"...":                "file",
		"отчёт (копия).docx": "отчёт_(копия).docx",
	}
	for in, want := range cases {
		if got := SanitizeName(in); got != want {
			t.Errorf("SanitizeName(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestDescribe(t *testing.T) {
	dir := t.TempDir()
	png := filepath.Join(dir, "снимок") // no extension: recognised by its first bytes
	if err := os.WriteFile(png, []byte("\x89PNG\r\n\x1a\n0000000000000000"), 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := Describe(png)
	if err != nil || a.Kind != inbox.AttachImage || a.MIME != "image/png" || a.Name != "снимок" || a.Size != 24 {
		t.Errorf("Describe(png) = %+v, %v", a, err)
	}
	for _, bad := range []string{dir, filepath.Join(dir, "нет.pdf")} {
		_, err := Describe(bad)
		if key, args := inbox.ErrorKey(err); key != "composer.attach.unreadable" || args["Name"] != filepath.Base(bad) {
			t.Errorf("Describe(%s) error %v; want unreadable naming it", bad, err)
		}
	}
}

func TestFit(t *testing.T) {
	lim := LimitOf(inbox.Limits{ImageSize: 10, FileSize: 50})
	cases := []struct {
		kind inbox.AttachmentKind
		size int64
		want inbox.AttachmentKind
	}{
		{inbox.AttachImage, 10, inbox.AttachImage},
		{inbox.AttachImage, 11, inbox.AttachFile}, // too big for a photo: goes as a file
		{inbox.AttachVideo, 40, inbox.AttachVideo},
	}
	for _, c := range cases {
		if got := Fit(inbox.Attachment{Kind: c.kind, Size: c.size}, lim).Kind; got != c.want {
			t.Errorf("Fit(%s, %d) = %s; want %s", c.kind, c.size, got, c.want)
		}
	}
	if got := LimitOf(inbox.Limits{FileSize: 50})(inbox.AttachImage); got != 50 {
		t.Errorf("image limit without ImageSize = %d; want the file limit", got)
	}
}

func TestCopy(t *testing.T) {
	src := filepath.Join(t.TempDir(), "прайс 2026.pdf")
	if err := os.WriteFile(src, []byte("%PDF"), 0o600); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	a, full, err := Copy(data, src, inbox.Attachment{Name: "прайс 2026.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Path, OutboxDir+"/") || !strings.HasSuffix(a.Path, "-прайс_2026.pdf") ||
		filepath.Join(data, filepath.FromSlash(a.Path)) != full {
		t.Errorf("copy at %q (%s)", a.Path, full)
	}
	if b, err := os.ReadFile(full); err != nil || string(b) != "%PDF" {
		t.Errorf("copy holds %q, %v", b, err)
	}
	if _, _, err := Copy(data, filepath.Join(t.TempDir(), "gone"), inbox.Attachment{Name: "gone"}); err == nil {
		t.Error("copying a missing file succeeded")
	}
}
