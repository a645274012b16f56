package catalog

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

// ImageLimits bound what one uploaded image may cost. Dimensions are checked from the header
// before anything is decoded, so a small file that claims to be huge (a decompression bomb)
// never allocates its pixels.
type ImageLimits struct {
	MaxBytes  int64
	MaxSide   int // widest or highest, in pixels
	MaxPixels int // width × height
}

// DefaultImageLimits: 10 MiB, 8000 px a side, 40 megapixels (a 40 MP RGBA image is 160 MB
// decoded, which is why decodes are also limited in number at once; see MediaService).
var DefaultImageLimits = ImageLimits{MaxBytes: 10 << 20, MaxSide: 8000, MaxPixels: 40_000_000}

// thumbWidths are the small, medium and large thumbnail widths. An image no wider than a width
// gets no thumbnail of that size (never upscaled); its URL falls back to the next larger file.
var thumbWidths = [3]int{160, 480, 1024}

// maxStoredSide caps the stored full-size image: 2560 px is plenty for a zoomed product photo,
// and a 40 MP original would cost storage, bandwidth and seconds of encoding for nothing.
const maxStoredSide = 2560

// Image content types accepted on upload, judged from the bytes only.
var imageTypes = map[string]string{"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP"}

// encodedImage is one stored rendition.
type encodedImage struct {
	data          []byte
	contentType   string // image/jpeg or image/png
	ext           string // jpg or png
	width, height int
}

// processedImage is an upload after re-encoding: the full-size image and up to three thumbnails
// (nil where the original is not wider than that thumbnail).
type processedImage struct {
	full   encodedImage
	thumbs [3]*encodedImage
}

// mib writes a byte limit for people: "10 MiB", "1.5 MiB", "256 KiB".
func mib(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// processImage checks an uploaded image and re-encodes it. Re-encoding is the point: what is
// stored is pixels we produced, so EXIF (GPS positions, camera serials), comments, ICC tricks and
// anything appended after the image (a "JPEG" that is also a PHP script or a ZIP) are gone. The
// EXIF orientation is applied first, so photos from phones stay upright without it.
func processImage(field string, data []byte, lim ImageLimits) (processedImage, error) {
	if int64(len(data)) > lim.MaxBytes {
		return processedImage{}, apperr.Field(field, "must be at most "+mib(lim.MaxBytes))
	}
	if len(data) == 0 {
		return processedImage{}, apperr.Field(field, "is empty")
	}
	ctype := http.DetectContentType(data)
	name, ok := imageTypes[ctype]
	if !ok {
		return processedImage{}, apperr.Field(field, "must be a JPEG, PNG or WebP image (the type is read from the file's content, not its name)")
	}
	var (
		decodeConfig func([]byte) (image.Config, error)
		decode       func([]byte) (image.Image, error)
	)
	switch ctype {
	case "image/jpeg":
		decodeConfig = func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }
	case "image/png":
		decodeConfig = func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }
	default:
		decodeConfig = func(b []byte) (image.Config, error) { return webp.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return webp.Decode(bytes.NewReader(b)) }
	}
	damaged := apperr.Field(field, "could not be read as an image: the file is damaged or not really a "+name)
	cfg, err := decodeConfig(data)
	if err != nil {
		return processedImage{}, damaged
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > lim.MaxSide || cfg.Height > lim.MaxSide || cfg.Width*cfg.Height > lim.MaxPixels {
		return processedImage{}, apperr.Field(field, fmt.Sprintf("is %d×%d pixels; images may be at most %d pixels wide or high and %d megapixels",
			cfg.Width, cfg.Height, lim.MaxSide, lim.MaxPixels/1_000_000))
	}
	img, err := decode(data)
	if err != nil {
		return processedImage{}, damaged
	}
	if ctype == "image/jpeg" {
		img = orient(img, exifOrientation(data))
	}
	if b := img.Bounds(); b.Dx() > maxStoredSide || b.Dy() > maxStoredSide {
		scale := float64(maxStoredSide) / float64(max(b.Dx(), b.Dy()))
		img = shrink(img, max(1, int(float64(b.Dx())*scale+0.5)), max(1, int(float64(b.Dy())*scale+0.5)))
	}
	return renditions(img)
}

// renditions encodes the full image and its thumbnails: JPEG, or PNG when the image has any
// transparency.
func renditions(img image.Image) (processedImage, error) {
	alpha := true
	if o, ok := img.(interface{ Opaque() bool }); ok {
		alpha = !o.Opaque()
	}
	full, err := encodeImage(img, alpha, 85)
	if err != nil {
		return processedImage{}, err
	}
	out := processedImage{full: full}
	src := img
	for i := len(thumbWidths) - 1; i >= 0; i-- { // large first: each smaller one scales the last
		w := thumbWidths[i]
		if w >= full.width {
			continue
		}
		h := max(1, (full.height*w+full.width/2)/full.width)
		dst := shrink(src, w, h)
		t, err := encodeImage(dst, alpha, 80)
		if err != nil {
			return processedImage{}, err
		}
		out.thumbs[i] = &t
		src = dst
	}
	return out, nil
}

// shrink scales src down to w×h. Big reductions first halve the image repeatedly (bilinear
// sampling at exactly half size averages each 2×2 block, so nothing is skipped), then
// Catmull-Rom does the last step of less than 2×: close to a full-size kernel's quality at a
// fraction of its time on a 40 MP photo.
func shrink(src image.Image, w, h int) *image.RGBA {
	b := src.Bounds()
	for b.Dx() >= 4*w && b.Dy() >= 4*h {
		half := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
		draw.ApproxBiLinear.Scale(half, half.Bounds(), src, b, draw.Src, nil)
		src, b = half, half.Bounds()
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	return dst
}

func encodeImage(img image.Image, alpha bool, quality int) (encodedImage, error) {
	var buf bytes.Buffer
	b := img.Bounds()
	e := encodedImage{width: b.Dx(), height: b.Dy()}
	if alpha {
		e.contentType, e.ext = "image/png", "png"
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
			return encodedImage{}, fmt.Errorf("encode png: %w", err)
		}
	} else {
		e.contentType, e.ext = "image/jpeg", "jpg"
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
			return encodedImage{}, fmt.Errorf("encode jpeg: %w", err)
		}
	}
	e.data = buf.Bytes()
	return e, nil
}

// exifOrientation reads the orientation tag (1–8) of a JPEG's EXIF block; 1 (as stored) when
// there is none or it cannot be read. Only the segments before the image data are looked at.
func exifOrientation(jpg []byte) int {
	if len(jpg) < 4 || jpg[0] != 0xFF || jpg[1] != 0xD8 {
		return 1
	}
	for i := 2; i+4 <= len(jpg); {
		if jpg[i] != 0xFF {
			return 1
		}
		marker := jpg[i+1]
		if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == 0xFF {
			i++ // markers without a length (and fill bytes)
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan / end of image: no more metadata
			return 1
		}
		size := int(binary.BigEndian.Uint16(jpg[i+2:]))
		if size < 2 || i+2+size > len(jpg) {
			return 1
		}
		seg := jpg[i+4 : i+2+size]
		if marker == 0xE1 && len(seg) > 14 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + size
	}
	return 1
}

// tiffOrientation finds tag 0x0112 in IFD0 of a TIFF header.
func tiffOrientation(t []byte) int {
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	if len(t) < 8 || bo.Uint16(t[2:]) != 42 {
		return 1
	}
	ifd := int(bo.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > len(t) {
		return 1
	}
	n := int(bo.Uint16(t[ifd:]))
	for k := range n {
		e := ifd + 2 + 12*k
		if e+12 > len(t) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 { // SHORT
			if v := int(bo.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// orient turns a decoded image upright according to its EXIF orientation (1–8).
func orient(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	src := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src) // fast path from YCbCr
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 { // 5–8 swap width and height
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		row := src.Pix[y*src.Stride : y*src.Stride+4*w]
		for x := range w {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // rotated 180°
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored vertically
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // rotate 90° clockwise
				dx, dy = h-1-y, x
			case 7: // transversed
				dx, dy = h-1-y, w-1-x
			case 8: // rotate 90° counter-clockwise
				dx, dy = y, w-1-x
			}
			copy(dst.Pix[dy*dst.Stride+4*dx:], row[4*x:4*x+4])
		}
	}
	return dst
}
