package whatsapp

import (
	"bufio"
	"image"
	"io"

	qrcode "github.com/skip2/go-qrcode"
)

// QRImage draws a linking QR code (LinkEvent.Code) as a black-on-white picture of about
// size×size pixels, with the quiet border scanners need. It suits canvas.NewImageFromImage.
func QRImage(code string, size int) (image.Image, error) {
	q, err := qrcode.New(code, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	return q.Image(size), nil
}

// QRTerminal prints a linking QR code with half-block characters, two rows of modules
// per line, for `salonchat accounts add whatsapp` on a machine without a window. It
// draws the light modules (and the quiet border) as blocks, which suits the usual
// light-on-dark terminal: the phone sees dark modules on a light square.
func QRTerminal(w io.Writer, code string) error {
	q, err := qrcode.New(code, qrcode.Medium)
	if err != nil {
		return err
	}
	bits := q.Bitmap() // true = dark module; the quiet border included
	out := bufio.NewWriter(w)
	for y := 0; y < len(bits); y += 2 {
		for x := range bits[y] {
			top := !bits[y][x]
			bottom := y+1 < len(bits) && !bits[y+1][x]
			out.WriteString(halfBlock(top, bottom))
		}
		out.WriteByte('\n')
	}
	return out.Flush()
}

// halfBlock is one character showing two light-or-dark cells, the upper and the lower.
func halfBlock(top, bottom bool) string {
	switch {
	case top && bottom:
		return "█"
	case top:
		return "▀"
	case bottom:
		return "▄"
	}
	return " "
}
