package whatsapp

import (
	"bytes"
	"image/color"
	"strings"
	"testing"
	"unicode/utf8"
)

// sampleCode has the shape of a WhatsApp linking code: ref, noise key, identity key and
// ADV secret, comma-separated.
const sampleCode = "2@Xk3vNw3Qm5u6m8J3V0m4rK3H5yqH9sZ0w1A2B3C4D5E6F7G8H9I0J1K2L3M4N5O6P7Q8R9S0T1U2V3W4X5Y6Z7a8b9c0d1e2f3g4h5i6j7k8l9m0n1o2p3q4r5s6t7u8v9w0x1y2z3==,cm9ZMlhVZnJCZz09bm9pc2VrZXlub2lzZWtleW5vaXNla2V5bm8=,aWRlbnRpdHlrZXlpZGVudGl0eWtleWlkZW50aXR5a2V5aWQ=,YWR2c2VjcmV0YWR2c2VjcmV0YWR2c2VjcmV0YWR2c2VjcmU="

// TestQRTerminal: the code is drawn two module rows per line, light modules and the
// quiet border as blocks, every line as wide as the code.
func TestQRTerminal(t *testing.T) {
	var b bytes.Buffer
	if err := QRTerminal(&b, sampleCode); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	width := utf8.RuneCountInString(lines[0])
	// A version-N code is 17+4N modules, plus a 4-module border on each side.
	if (width-8-17)%4 != 0 || width < 21+8 {
		t.Fatalf("line width %d is not a QR code's", width)
	}
	if want := (width + 1) / 2; len(lines) != want {
		t.Errorf("%d lines for %d module rows; want %d", len(lines), width, want)
	}
	for i, l := range lines {
		if utf8.RuneCountInString(l) != width {
			t.Errorf("line %d is %d wide; want %d", i, utf8.RuneCountInString(l), width)
		}
		if strings.Trim(l, "█▀▄ ") != "" {
			t.Errorf("line %d has other characters: %q", i, l)
		}
	}
	if lines[0] != strings.Repeat("█", width) {
		t.Errorf("first line %q; want the light quiet border", lines[0])
	}
	// The top-left finder pattern starts at row 4, column 4: dark, so no block there.
	if r := []rune(lines[2])[4]; r != ' ' && r != '▀' {
		t.Errorf("finder pattern corner drawn as %q; want dark", r)
	}
}

// TestQRImage: the picture is black on white with a light border and the finder
// pattern's dark corner where a scanner looks for it.
func TestQRImage(t *testing.T) {
	img, err := QRImage(sampleCode, 256)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() < 256 || b.Dx() != b.Dy() {
		t.Fatalf("image %v; want a square of at least 256 px", b)
	}
	gray := func(x, y int) uint8 { return color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y }
	if gray(0, 0) != 255 || gray(b.Dx()-1, b.Dy()-1) != 255 {
		t.Error("border is not white")
	}
	var dark bool
	for d := 0; d < b.Dx()/3 && !dark; d++ {
		dark = gray(d, d) == 0
	}
	if !dark {
		t.Error("no dark finder pattern on the diagonal from the top-left corner")
	}
	a, _ := QRImage(sampleCode, 256)
	c, _ := QRImage(sampleCode+"x", 256)
	if !sameImage(img, a) || sameImage(img, c) {
		t.Error("a rotated code must draw a different picture, the same code the same one")
	}
}

func sameImage(a, b interface {
	At(x, y int) color.Color
}) bool {
	for y := 0; y < 256; y += 3 {
		for x := 0; x < 256; x += 3 {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				return false
			}
		}
	}
	return true
}
