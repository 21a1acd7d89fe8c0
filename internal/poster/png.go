package poster

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// PNG draws s as a 1080×1350 image (portrait 4:5) for info screens and social media: the
// same design as the PDF, laid out for the squarer page.
func PNG(s Spec) ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	tf, err := newTypeface()
	if err != nil {
		return nil, err
	}
	sc, err := layout(s, PNGWidth, PNGHeight, tf)
	if err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, PNGWidth, PNGHeight))
	draw.Draw(img, img.Bounds(), image.NewUniform(sc.background.rgba()), image.Point{}, draw.Src)
	var raster vector.Rasterizer
	for _, sh := range sc.shapes {
		fillPath(img, &raster, sh.path(), sh.color)
	}
	faces := map[faceKey]font.Face{}
	for _, t := range sc.texts {
		k := faceKey{t.size, t.bold}
		face, ok := faces[k]
		if !ok {
			face, err = opentype.NewFace(tf.font(t.bold), &opentype.FaceOptions{Size: t.size, DPI: 72, Hinting: font.HintingNone})
			if err != nil {
				return nil, fmt.Errorf("poster font face: %w", err)
			}
			faces[k] = face
		}
		d := font.Drawer{Dst: img, Src: image.NewUniform(t.color.rgba()), Face: face, Dot: fixed.Point26_6{X: fix(t.x), Y: fix(t.y)}}
		d.DrawString(t.text)
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode poster png: %w", err)
	}
	return buf.Bytes(), nil
}

type faceKey struct {
	size float64
	bold bool
}

// fillPath fills p on img, anti-aliased, rasterising only the part of the page it covers.
func fillPath(img *image.RGBA, z *vector.Rasterizer, p []segment, c rgb) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range p {
		for _, pt := range s.pts[:s.points()] {
			minX, minY = math.Min(minX, pt[0]), math.Min(minY, pt[1])
			maxX, maxY = math.Max(maxX, pt[0]), math.Max(maxY, pt[1])
		}
	}
	r := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY))).Intersect(img.Bounds())
	if r.Empty() {
		return
	}
	z.Reset(r.Dx(), r.Dy())
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	at := func(pt [2]float64) (float32, float32) { return float32(pt[0] - ox), float32(pt[1] - oy) }
	for _, s := range p {
		switch s.op {
		case 'M':
			z.MoveTo(at(s.pts[0]))
		case 'L':
			z.LineTo(at(s.pts[0]))
		case 'C':
			bx, by := at(s.pts[0])
			cx, cy := at(s.pts[1])
			dx, dy := at(s.pts[2])
			z.CubeTo(bx, by, cx, cy, dx, dy)
		case 'Z':
			z.ClosePath()
		}
	}
	z.Draw(img, r, image.NewUniform(c.rgba()), image.Point{})
}

// points is how many of a segment's points it uses.
func (s segment) points() int {
	switch s.op {
	case 'M', 'L':
		return 1
	case 'C':
		return 3
	}
	return 0
}

func (c rgb) rgba() color.RGBA { return color.RGBA{c.R, c.G, c.B, 0xFF} }

func fix(v float64) fixed.Int26_6 { return fixed.Int26_6(math.Round(v * 64)) }
