// Command gen draws SalonChat's application icon: a rounded rose-to-plum square with a
// white speech bubble holding three dots. Run it from the repository root when the
// design changes:
//
//	go run ./assets/gen -out assets/icon.png
//
// It draws with the standard library only, antialiased by sampling each pixel 4×4 times,
// so the PNG is the same on every machine.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
)

const (
	size = 512
	ss   = 4 // samples per pixel side
)

var (
	rose  = color.NRGBA{0xE8, 0x4A, 0x7F, 0xFF}
	plum  = color.NRGBA{0x6E, 0x3A, 0xA8, 0xFF}
	white = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
)

func main() {
	out := flag.String("out", "assets/icon.png", "where to write the PNG")
	flag.Parse()
	if err := write(*out, icon()); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// icon paints the layers back to front: background, bubble shadow, bubble, dots.
func icon() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	paint(img, background, func(x, y float64) color.NRGBA { return gradient(y) })
	shadow := color.NRGBA{0x3A, 0x16, 0x5C, 0x55}
	paint(img, func(x, y float64) bool { return bubble(x-6, y-10) }, flat(shadow))
	paint(img, bubble, flat(white))
	for _, cx := range []float64{186, 256, 326} {
		paint(img, circle(cx, 236, 27), func(x, y float64) color.NRGBA { return gradient(y) })
	}
	return img
}

// paint blends colour c over img wherever inside covers a pixel, by coverage.
func paint(img *image.NRGBA, inside func(x, y float64) bool, c func(x, y float64) color.NRGBA) {
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			n := 0
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					if inside(float64(px)+(float64(sx)+0.5)/ss, float64(py)+(float64(sy)+0.5)/ss) {
						n++
					}
				}
			}
			if n > 0 {
				blend(img, px, py, c(float64(px), float64(py)), float64(n)/(ss*ss))
			}
		}
	}
}

// blend draws col over the pixel with the given coverage (Porter-Duff "over").
func blend(img *image.NRGBA, x, y int, col color.NRGBA, cover float64) {
	src := image.NewUniform(color.NRGBA{col.R, col.G, col.B, uint8(float64(col.A) * cover)})
	draw.Draw(img, image.Rect(x, y, x+1, y+1), src, image.Point{}, draw.Over)
}

func flat(c color.NRGBA) func(x, y float64) color.NRGBA {
	return func(float64, float64) color.NRGBA { return c }
}

// gradient runs from rose at the top to plum at the bottom.
func gradient(y float64) color.NRGBA {
	t := y / size
	mix := func(a, b uint8) uint8 { return uint8(float64(a)*(1-t) + float64(b)*t) }
	return color.NRGBA{mix(rose.R, plum.R), mix(rose.G, plum.G), mix(rose.B, plum.B), 0xFF}
}

// background is the rounded square of the whole icon, with a small margin as desktop
// icon sets use.
func background(x, y float64) bool { return roundRect(x, y, 16, 16, 496, 496, 104) }

// bubble is a rounded rectangle with a tail at its lower left.
func bubble(x, y float64) bool {
	return roundRect(x, y, 96, 120, 416, 352, 84) || triangle(x, y, 150, 330, 236, 340, 126, 418)
}

func circle(cx, cy, r float64) func(x, y float64) bool {
	return func(x, y float64) bool { return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r }
}

func roundRect(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx, cy := clamp(x, x0+r, x1-r), clamp(y, y0+r, y1-r)
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
}

func clamp(v, lo, hi float64) float64 { return max(lo, min(v, hi)) }

// triangle reports whether (x, y) lies inside the triangle a, b, c.
func triangle(x, y, ax, ay, bx, by, cx, cy float64) bool {
	side := func(px, py, qx, qy float64) float64 { return (qx-px)*(y-py) - (qy-py)*(x-px) }
	d1, d2, d3 := side(ax, ay, bx, by), side(bx, by, cx, cy), side(cx, cy, ax, ay)
	neg := d1 < 0 || d2 < 0 || d3 < 0
	pos := d1 > 0 || d2 > 0 || d3 > 0
	return !(neg && pos)
}

func write(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("encode %s: %w", path, err)
	}
	return f.Close()
}
