package catalog

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

// Fixtures are made in code: real encoders for JPEG and PNG, and a hand-built lossless WebP
// (Go has no WebP encoder) whose five prefix codes each have a single symbol, so every pixel
// costs zero bits and the file is a few dozen bytes whatever its size.

func testJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			o := img.PixOffset(x, y)
			img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = uint8(x), uint8(y), 200, 255
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func testPNG(t testing.TB, w, h int, alpha uint8) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 90
		if i%4 == 3 {
			img.Pix[i] = alpha
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bitWriter writes VP8L's least-significant-bit-first bit stream.
type bitWriter struct {
	buf   []byte
	acc   uint64
	nbits uint
}

func (b *bitWriter) write(v uint64, n uint) {
	b.acc |= v << b.nbits
	b.nbits += n
	for b.nbits >= 8 {
		b.buf = append(b.buf, byte(b.acc))
		b.acc >>= 8
		b.nbits -= 8
	}
}

func (b *bitWriter) bytes() []byte {
	if b.nbits > 0 {
		b.buf = append(b.buf, byte(b.acc))
	}
	return b.buf
}

// testWebP is a w×h lossless WebP of one colour.
func testWebP(w, h int, c color.NRGBA) []byte {
	var bw bitWriter
	bw.write(0x2f, 8)         // VP8L signature
	bw.write(uint64(w-1), 14) // width − 1
	bw.write(uint64(h-1), 14) // height − 1
	alphaUsed := uint64(0)
	if c.A != 255 {
		alphaUsed = 1
	}
	bw.write(alphaUsed, 1)
	bw.write(0, 3)                                       // version
	bw.write(0, 1)                                       // no transform
	bw.write(0, 1)                                       // no colour cache
	bw.write(0, 1)                                       // no meta prefix codes
	for _, sym := range []uint8{c.G, c.R, c.B, c.A, 0} { // green, red, blue, alpha, distance
		bw.write(1, 1) // simple code
		bw.write(0, 1) // one symbol
		bw.write(1, 1) // 8-bit symbol
		bw.write(uint64(sym), 8)
	}
	data := bw.bytes()
	if len(data)%2 == 1 {
		data = append(data, 0)
	}
	var out bytes.Buffer
	out.WriteString("RIFF")
	_ = binary.Write(&out, binary.LittleEndian, uint32(4+8+len(data)))
	out.WriteString("WEBPVP8L")
	_ = binary.Write(&out, binary.LittleEndian, uint32(len(bw.buf)))
	out.Write(data)
	return out.Bytes()
}

// pngHeaderOnly is a PNG signature and a valid IHDR claiming w×h, with no pixel data: what a
// decompression bomb looks like before it is inflated.
func pngHeaderOnly(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	_ = binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// withExif inserts an APP1 Exif segment (orientation, and a GPS-like string standing for
// private data) right after a JPEG's SOI marker.
func withExif(jpg []byte, orientation uint16) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00\x2a")
	_ = binary.Write(&tiff, binary.BigEndian, uint32(8)) // IFD0 offset
	_ = binary.Write(&tiff, binary.BigEndian, uint16(1)) // one entry
	_ = binary.Write(&tiff, binary.BigEndian, []uint16{0x0112, 3})
	_ = binary.Write(&tiff, binary.BigEndian, uint32(1))
	_ = binary.Write(&tiff, binary.BigEndian, []uint16{orientation, 0})
	_ = binary.Write(&tiff, binary.BigEndian, uint32(0)) // no next IFD
	tiff.WriteString("GPS 51.5007N 0.1246W secret-serial-1234")
	seg := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	var out bytes.Buffer
	out.Write(jpg[:2])
	out.Write([]byte{0xFF, 0xE1})
	_ = binary.Write(&out, binary.BigEndian, uint16(len(seg)+2))
	out.Write(seg)
	out.Write(jpg[2:])
	return out.Bytes()
}

func fieldMessage(t *testing.T, err error) string {
	t.Helper()
	ae, ok := apperr.As(err)
	if !ok || ae.Kind != apperr.KindInvalid || len(ae.Fields) == 0 {
		t.Fatalf("want a 422 field error, got %v", err)
	}
	return ae.Fields[0].Field + " " + ae.Fields[0].Message
}

func TestImageTypesAreSniffedAndReencoded(t *testing.T) {
	var gifBuf bytes.Buffer
	_ = gif.Encode(&gifBuf, image.NewPaletted(image.Rect(0, 0, 4, 4), []color.Color{color.Black, color.White}), nil)
	for _, tc := range []struct {
		name     string
		data     []byte
		wantType string // "" = refused
		wantErr  string
	}{
		{"jpeg", testJPEG(t, 64, 48), "image/jpeg", ""},
		{"png without transparency becomes jpeg", testPNG(t, 64, 48, 255), "image/jpeg", ""},
		{"png with transparency stays png", testPNG(t, 64, 48, 128), "image/png", ""},
		{"webp lossless", testWebP(64, 48, color.NRGBA{200, 40, 40, 255}), "image/jpeg", ""},
		{"webp with alpha", testWebP(64, 48, color.NRGBA{200, 40, 40, 100}), "image/png", ""},
		{"php renamed .jpg", []byte("<?php system($_GET['c']); ?>"), "", "must be a JPEG, PNG or WebP"},
		{"html renamed .jpg", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), "", "must be a JPEG, PNG or WebP"},
		{"svg renamed .jpg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), "", "must be a JPEG, PNG or WebP"},
		{"svg without xml prolog", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "", "must be a JPEG, PNG or WebP"},
		{"gif", gifBuf.Bytes(), "", "must be a JPEG, PNG or WebP"},
		{"empty", nil, "", "is empty"},
		{"jpeg magic then garbage", append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, []byte(strings.Repeat("x", 100))...), "", "damaged or not really a JPEG"},
		{"truncated png", testPNG(t, 64, 48, 255)[:60], "", "damaged or not really a PNG"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := processImage("file", tc.data, DefaultImageLimits)
			if tc.wantType == "" {
				if msg := fieldMessage(t, err); !strings.Contains(msg, tc.wantErr) || !strings.HasPrefix(msg, "file ") {
					t.Fatalf("message %q, want %q", msg, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if out.full.contentType != tc.wantType || out.full.width != 64 || out.full.height != 48 {
				t.Fatalf("got %s %d×%d", out.full.contentType, out.full.width, out.full.height)
			}
			// The stored bytes are what Go's encoder wrote: they decode as their type.
			if _, format, err := image.Decode(bytes.NewReader(out.full.data)); err != nil || "image/"+format != tc.wantType {
				t.Fatalf("stored bytes: %s %v", format, err)
			}
		})
	}
}

func TestTrailingPayloadIsDropped(t *testing.T) {
	polyglot := append(testJPEG(t, 32, 32), []byte("<?php system($_GET['c']); ?>")...)
	out, err := processImage("file", polyglot, DefaultImageLimits)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out.full.data, []byte("<?php")) {
		t.Fatal("the appended script survived")
	}
}

func TestImageSizeAndDimensionLimits(t *testing.T) {
	lim := ImageLimits{MaxBytes: 1 << 20, MaxSide: 8000, MaxPixels: 40_000_000}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"over the byte limit", append(testJPEG(t, 8, 8), make([]byte, 1<<20)...), "must be at most 1 MiB"},
		{"too wide (real jpeg)", testJPEG(t, 8001, 1), "8001×1 pixels"},
		{"bomb: 100000×100000 png header", pngHeaderOnly(100000, 100000), "100000×100000 pixels"},
		{"too many pixels: 7000×7000", pngHeaderOnly(7000, 7000), "40 megapixels"},
		{"bomb: webp header 16384×16384", testWebP(16384, 16384, color.NRGBA{1, 2, 3, 255}), "16384×16384"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := processImage("file", tc.data, lim)
			if msg := fieldMessage(t, err); !strings.Contains(msg, tc.want) {
				t.Fatalf("message %q, want %q", msg, tc.want)
			}
			// Refused from the header: a decoded 100000² image would take 40 GB and minutes.
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("took %s: the image was decoded before the check", d)
			}
		})
	}
}

func TestExifIsStrippedAndOrientationApplied(t *testing.T) {
	src := withExif(testJPEG(t, 64, 32), 6) // stored landscape, shown rotated 90° clockwise
	if exifOrientation(src) != 6 {
		t.Fatalf("fixture orientation = %d", exifOrientation(src))
	}
	if !bytes.Contains(src, []byte("Exif")) || !bytes.Contains(src, []byte("secret-serial")) {
		t.Fatal("fixture lacks its EXIF block")
	}
	out, err := processImage("file", src, DefaultImageLimits)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range [][]byte{out.full.data} {
		if bytes.Contains(b, []byte("Exif")) || bytes.Contains(b, []byte("secret-serial")) || bytes.Contains(b, []byte("GPS")) {
			t.Fatal("EXIF data survived re-encoding")
		}
		if bytes.Contains(b, []byte{0xFF, 0xE1}) && exifOrientation(b) != 1 {
			t.Fatal("an APP1 segment survived")
		}
	}
	if out.full.width != 32 || out.full.height != 64 {
		t.Fatalf("orientation not applied: %d×%d", out.full.width, out.full.height)
	}
	// Every orientation gives the right shape; a missing or odd tag leaves the image alone.
	for o := 0; o <= 9; o++ {
		img := orient(image.NewRGBA(image.Rect(0, 0, 4, 2)), o)
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		if (o >= 5 && o <= 8) != (w == 2 && h == 4) {
			t.Errorf("orientation %d: %d×%d", o, w, h)
		}
	}
	// A pixel lands where the orientation says: top-left of a 6 goes to the top-right.
	src6 := image.NewRGBA(image.Rect(0, 0, 4, 2))
	src6.Set(0, 0, color.RGBA{255, 0, 0, 255})
	if r, _, _, _ := orient(src6, 6).At(1, 0).RGBA(); r != 0xFFFF {
		t.Error("orientation 6 did not rotate clockwise")
	}
	for _, bad := range [][]byte{nil, []byte("nope"), {0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF}, withExif(testJPEG(t, 4, 4), 0)} {
		if o := exifOrientation(bad); o != 1 {
			t.Errorf("orientation of %x… = %d", bad[:min(len(bad), 8)], o)
		}
	}
}

func TestThumbnailsAreNeverUpscaled(t *testing.T) {
	for _, tc := range []struct {
		w, h  int
		sizes [3]string // small, medium, large: "w×h" or "" when not generated
	}{
		{2000, 1000, [3]string{"160×80", "480×240", "1024×512"}},
		{3000, 1500, [3]string{"160×80", "480×240", "1024×512"}}, // stored at 2560×1280
		{1024, 300, [3]string{"160×47", "480×141", ""}},
		{500, 500, [3]string{"160×160", "480×480", ""}},
		{300, 200, [3]string{"160×107", "", ""}},
		{100, 100, [3]string{"", "", ""}},
	} {
		out, err := processImage("file", testJPEG(t, tc.w, tc.h), DefaultImageLimits)
		if err != nil {
			t.Fatal(err)
		}
		if wantW := min(tc.w, maxStoredSide); out.full.width != wantW || out.full.height != tc.h*wantW/tc.w {
			t.Errorf("%d×%d stored as %d×%d", tc.w, tc.h, out.full.width, out.full.height)
		}
		for i, want := range tc.sizes {
			got := ""
			if th := out.thumbs[i]; th != nil {
				got = fmt.Sprintf("%d×%d", th.width, th.height)
				cfg, err := jpeg.DecodeConfig(bytes.NewReader(th.data))
				if err != nil || cfg.Width != th.width || cfg.Height != th.height {
					t.Errorf("%d×%d thumb %d: encoded %v %v", tc.w, tc.h, i, cfg, err)
				}
			}
			if got != want {
				t.Errorf("%d×%d thumb %d = %q, want %q", tc.w, tc.h, i, got, want)
			}
		}
	}
}
