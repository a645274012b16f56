package catalog

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/filestore"
)

// MediaKind says what a media row is.
type MediaKind string

const (
	MediaImage     MediaKind = "image"
	MediaVideo     MediaKind = "video" // an uploaded MP4/WebM file with a poster image
	MediaYouTube   MediaKind = "youtube"
	MediaVimeo     MediaKind = "vimeo"
	MediaDatasheet MediaKind = "datasheet"
)

// ProductMedia is one image, video or datasheet of a product. Files are in the media store under
// random keys (a v4 UUID each), so nobody can guess the address of media they were not shown;
// the keys are served publicly under /media/.
type ProductMedia struct {
	ID             uuid.UUID `gorm:"primaryKey"`
	ProductID      uuid.UUID
	Kind           MediaKind
	Position       int    // display order within the product (all kinds share one sequence)
	StorageKey     string // the file: image (full size), video or PDF; empty for links
	ContentType    string
	Bytes          int64
	Width, Height  int    // images
	ThumbSmallKey  string // images: thumbnails, or a larger rendition when the image is small
	ThumbMediumKey string
	ThumbLargeKey  string
	PosterKey      string // uploaded videos
	ExternalID     string // YouTube/Vimeo id
	Alt            string // images
	Title          string // videos and datasheets
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (ProductMedia) TableName() string { return "product_media" }

// keys lists the distinct files of a media row.
func (m ProductMedia) keys() []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range []string{m.StorageKey, m.ThumbSmallKey, m.ThumbMediumKey, m.ThumbLargeKey, m.PosterKey} {
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// MediaLimits bound uploads.
type MediaLimits struct {
	Image             ImageLimits
	MaxVideoBytes     int64
	MaxDatasheetBytes int64
}

// DefaultMediaLimits: images per DefaultImageLimits, videos 200 MiB, datasheets 20 MiB.
var DefaultMediaLimits = MediaLimits{Image: DefaultImageLimits, MaxVideoBytes: 200 << 20, MaxDatasheetBytes: 20 << 20}

const (
	maxMediaPerProduct = 50
	maxAltLen          = 300
	maxTitleLen        = 200
)

var (
	ErrMediaNotFound = apperr.NotFound("media not found")
	ErrTooManyMedia  = apperr.Conflict(fmt.Sprintf("a product can have at most %d images, videos and datasheets; delete some first", maxMediaPerProduct))
)

// MediaOptions configure a MediaService.
type MediaOptions struct {
	Files  filestore.Store
	Audit  Auditor
	Clock  func() time.Time
	Limits MediaLimits
	Log    *slog.Logger
	// Decoders is how many images may be decoded at once (memory: up to ~200 MB each at the
	// pixel limit). Default 2.
	Decoders int
}

// MediaService keeps product media: checks and re-encodes uploads, stores files, records rows.
type MediaService struct {
	db     *gorm.DB
	files  filestore.Store
	audit  Auditor
	clock  func() time.Time
	limits MediaLimits
	log    *slog.Logger
	decode chan struct{}
}

func NewMediaService(db *gorm.DB, o MediaOptions) *MediaService {
	if o.Limits.Image.MaxBytes == 0 {
		o.Limits.Image.MaxBytes = DefaultImageLimits.MaxBytes
	}
	if o.Limits.Image.MaxSide == 0 {
		o.Limits.Image.MaxSide = DefaultImageLimits.MaxSide
	}
	if o.Limits.Image.MaxPixels == 0 {
		o.Limits.Image.MaxPixels = DefaultImageLimits.MaxPixels
	}
	if o.Limits.MaxVideoBytes == 0 {
		o.Limits.MaxVideoBytes = DefaultMediaLimits.MaxVideoBytes
	}
	if o.Limits.MaxDatasheetBytes == 0 {
		o.Limits.MaxDatasheetBytes = DefaultMediaLimits.MaxDatasheetBytes
	}
	if o.Decoders <= 0 {
		o.Decoders = 2
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return &MediaService{db: db, files: o.Files, audit: o.Audit, clock: o.Clock, limits: o.Limits, log: o.Log, decode: make(chan struct{}, o.Decoders)}
}

// Limits are the upload limits in force (the handler sizes request bodies from them).
func (s *MediaService) Limits() MediaLimits { return s.limits }

// Files is the store media are served from.
func (s *MediaService) Files() filestore.Store { return s.files }

// CheckProduct answers ErrProductNotFound for an unknown product, before a large upload is read.
func (s *MediaService) CheckProduct(ctx context.Context, productID uuid.UUID) error {
	return checkProduct(ctx, s.db, productID)
}

// checkProduct runs on db, which inside a transaction must be the transaction (on SQLite the
// pool has one connection, held by the transaction).
func checkProduct(ctx context.Context, db *gorm.DB, productID uuid.UUID) error {
	var n int64
	if err := db.WithContext(ctx).Model(&Product{}).Where("id = ?", productID).Count(&n).Error; err != nil {
		return fmt.Errorf("find product: %w", err)
	}
	if n == 0 {
		return ErrProductNotFound
	}
	return nil
}

// List returns a product's media in display order (staff).
func (s *MediaService) List(ctx context.Context, productID uuid.UUID) ([]ProductMedia, error) {
	if err := s.CheckProduct(ctx, productID); err != nil {
		return nil, err
	}
	var out []ProductMedia
	if err := s.db.WithContext(ctx).Where("product_id = ?", productID).Order("position").Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list media: %w", err)
	}
	return out, nil
}

func cleanText(field, v string, maxLen int) (string, error) {
	v = strings.TrimSpace(v)
	if !utf8.ValidString(v) || utf8.RuneCountInString(v) > maxLen || strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\t' }) {
		return "", apperr.Field(field, fmt.Sprintf("must be at most %d characters of text on one line", maxLen))
	}
	return v, nil
}

// processImageBounded runs processImage with at most Decoders at once, so a burst of uploads
// cannot take the process's memory.
func (s *MediaService) processImageBounded(ctx context.Context, field string, data []byte) (processedImage, error) {
	select {
	case s.decode <- struct{}{}:
	case <-ctx.Done():
		return processedImage{}, ctx.Err()
	}
	defer func() { <-s.decode }()
	return processImage(field, data, s.limits.Image)
}

// putImage stores an image's renditions under one random base name; keys are full, small,
// medium, large (thumbnails fall back to the next larger file).
func (s *MediaService) putImage(ctx context.Context, dir string, img processedImage) ([4]string, error) {
	base := dir + "/" + uuid.NewString()
	var keys [4]string
	var put []string
	keys[0] = base + "." + img.full.ext
	if err := s.files.Put(ctx, keys[0], bytes.NewReader(img.full.data)); err != nil {
		return keys, fmt.Errorf("store image: %w", err)
	}
	put = append(put, keys[0])
	fallback := keys[0]
	for i := len(thumbWidths) - 1; i >= 0; i-- {
		t := img.thumbs[i]
		if t == nil {
			keys[i+1] = fallback
			continue
		}
		k := fmt.Sprintf("%s-%d.%s", base, thumbWidths[i], t.ext)
		if err := s.files.Put(ctx, k, bytes.NewReader(t.data)); err != nil {
			s.removeFiles(ctx, put)
			return keys, fmt.Errorf("store thumbnail: %w", err)
		}
		put = append(put, k)
		keys[i+1], fallback = k, k
	}
	return keys, nil
}

// removeFiles deletes files best-effort: a failure leaves an orphan file, never a row without
// its file, and is logged.
func (s *MediaService) removeFiles(ctx context.Context, keys []string) {
	ctx = context.WithoutCancel(ctx)
	for _, k := range keys {
		if err := s.files.Delete(ctx, k); err != nil {
			s.log.WarnContext(ctx, "media file not deleted", "key", k, "error", err)
		}
	}
}

// insert adds a row at the end of the product's media, with its audit entry, in one
// transaction. On failure the row's files are deleted.
func (s *MediaService) insert(ctx context.Context, m *ProductMedia) error {
	now := s.clock().UTC()
	m.ID, m.CreatedAt, m.UpdatedAt = uuid.Must(uuid.NewV7()), now, now
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var p Product
		// Locks the product row on PostgreSQL, so concurrent uploads to one product count and
		// number their positions one after the other.
		q := tx.Select("id")
		if tx.Dialector.Name() == "postgres" {
			q = q.Clauses(lockForUpdate)
		}
		if err := q.Where("id = ?", m.ProductID).Take(&p).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrProductNotFound
		} else if err != nil {
			return fmt.Errorf("find product: %w", err)
		}
		var st struct {
			N   int64
			Max *int
		}
		if err := tx.Model(&ProductMedia{}).Select("COUNT(*) AS n, MAX(position) AS max").Where("product_id = ?", m.ProductID).Scan(&st).Error; err != nil {
			return fmt.Errorf("count media: %w", err)
		}
		if st.N >= maxMediaPerProduct {
			return ErrTooManyMedia
		}
		if st.Max != nil {
			m.Position = *st.Max + 1
		}
		if err := tx.Create(m).Error; err != nil {
			return fmt.Errorf("insert media: %w", err)
		}
		return s.audit.Record(ctx, tx, audit.Event{Action: "product.media_added", EntityType: "product", EntityID: m.ProductID.String(),
			After: mediaAudit(*m)})
	})
	if err != nil {
		s.removeFiles(ctx, m.keys())
	}
	return err
}

func mediaAudit(m ProductMedia) map[string]any {
	out := map[string]any{"media_id": m.ID.String(), "kind": m.Kind, "position": m.Position}
	if m.StorageKey != "" {
		out["key"], out["bytes"] = m.StorageKey, m.Bytes
	}
	if m.ExternalID != "" {
		out["external_id"] = m.ExternalID
	}
	if m.Alt != "" {
		out["alt"] = m.Alt
	}
	if m.Title != "" {
		out["title"] = m.Title
	}
	return out
}

// AddImage checks, re-encodes and stores an image with its thumbnails.
func (s *MediaService) AddImage(ctx context.Context, productID uuid.UUID, data []byte, alt string) (ProductMedia, error) {
	alt, err := cleanText("alt", alt, maxAltLen)
	if err != nil {
		return ProductMedia{}, err
	}
	if err := s.CheckProduct(ctx, productID); err != nil {
		return ProductMedia{}, err
	}
	img, err := s.processImageBounded(ctx, "file", data)
	if err != nil {
		return ProductMedia{}, err
	}
	keys, err := s.putImage(ctx, "img", img)
	if err != nil {
		return ProductMedia{}, err
	}
	m := ProductMedia{ProductID: productID, Kind: MediaImage, StorageKey: keys[0], ContentType: img.full.contentType, Bytes: int64(len(img.full.data)),
		Width: img.full.width, Height: img.full.height, ThumbSmallKey: keys[1], ThumbMediumKey: keys[2], ThumbLargeKey: keys[3], Alt: alt}
	if err := s.insert(ctx, &m); err != nil {
		return ProductMedia{}, err
	}
	return m, nil
}

// StagedFile is an uploaded file already in the store, not yet attached to a product.
type StagedFile struct {
	Key         string
	ContentType string
	Bytes       int64
}

// stream sniffs the first bytes of r, refuses types not in allowed (content type → extension),
// and streams the rest into the store under dir/<random>.<ext> (or the name keyFor gives),
// never holding more than a buffer in memory. Over max bytes, the stored file is deleted.
func (s *MediaService) stream(ctx context.Context, field string, r io.Reader, allowed map[string]string, typeMsg string, maxBytes int64, keyFor func(ext string) string) (StagedFile, error) {
	br := bufio.NewReaderSize(r, 4096)
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return StagedFile{}, err // e.g. the body limit (413) or a broken connection
	}
	if len(head) == 0 {
		return StagedFile{}, apperr.Field(field, "is empty")
	}
	ctype := http.DetectContentType(head)
	ext, ok := allowed[ctype]
	if !ok {
		return StagedFile{}, apperr.Field(field, typeMsg)
	}
	f := StagedFile{Key: keyFor(ext), ContentType: ctype}
	cr := &countingReader{r: io.LimitReader(br, maxBytes+1)}
	if err := s.files.Put(ctx, f.Key, cr); err != nil {
		s.removeFiles(ctx, []string{f.Key})
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return StagedFile{}, mbe
		}
		return StagedFile{}, fmt.Errorf("store %s: %w", field, err)
	}
	if cr.n > maxBytes {
		s.removeFiles(ctx, []string{f.Key})
		return StagedFile{}, apperr.Field(field, "must be at most "+mib(maxBytes))
	}
	f.Bytes = cr.n
	return f, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// StageVideo streams an uploaded MP4 or WebM into the store. Call AddVideo with the result, or
// Discard it if the rest of the request fails.
func (s *MediaService) StageVideo(ctx context.Context, r io.Reader) (StagedFile, error) {
	return s.stream(ctx, "file", r, videoTypes, "must be an MP4 or WebM video (the type is read from the file's content, not its name)",
		s.limits.MaxVideoBytes, func(ext string) string { return "vid/" + uuid.NewString() + "." + ext })
}

// Discard deletes a staged file that will not be attached.
func (s *MediaService) Discard(ctx context.Context, f StagedFile) {
	if f.Key != "" {
		s.removeFiles(ctx, []string{f.Key})
	}
}

// AddVideo attaches a staged video with its poster image (required: it is what the gallery
// shows before anyone presses play). The staged file is deleted on any error.
func (s *MediaService) AddVideo(ctx context.Context, productID uuid.UUID, video StagedFile, poster []byte, title string) (_ ProductMedia, err error) {
	defer func() {
		if err != nil {
			s.Discard(ctx, video)
		}
	}()
	title, err = cleanText("title", title, maxTitleLen)
	if err != nil {
		return ProductMedia{}, err
	}
	if video.Key == "" {
		return ProductMedia{}, apperr.Field("file", "is required: the MP4 or WebM video")
	}
	if len(poster) == 0 {
		return ProductMedia{}, apperr.Field("poster", "is required: a JPEG, PNG or WebP still shown before the video plays")
	}
	img, err := s.processImageBounded(ctx, "poster", poster)
	if err != nil {
		return ProductMedia{}, err
	}
	// The poster is stored at the large thumbnail size at most: it is shown in the player's box.
	p := img.full
	if img.thumbs[2] != nil {
		p = *img.thumbs[2]
	}
	posterKey := "vid/" + uuid.NewString() + "-poster." + p.ext
	if err := s.files.Put(ctx, posterKey, bytes.NewReader(p.data)); err != nil {
		return ProductMedia{}, fmt.Errorf("store poster: %w", err)
	}
	m := ProductMedia{ProductID: productID, Kind: MediaVideo, StorageKey: video.Key, ContentType: video.ContentType, Bytes: video.Bytes,
		Width: p.width, Height: p.height, PosterKey: posterKey, Title: title}
	if err := s.insert(ctx, &m); err != nil {
		return ProductMedia{}, err // insert removed the video and poster
	}
	return m, nil
}

// AddVideoLink attaches a YouTube or Vimeo video by its link (provider and id only).
func (s *MediaService) AddVideoLink(ctx context.Context, productID uuid.UUID, rawURL, title string) (ProductMedia, error) {
	title, err := cleanText("title", title, maxTitleLen)
	if err != nil {
		return ProductMedia{}, err
	}
	kind, id, err := ParseVideoURL(rawURL)
	if err != nil {
		return ProductMedia{}, err
	}
	m := ProductMedia{ProductID: productID, Kind: kind, ExternalID: id, Title: title}
	if err := s.insert(ctx, &m); err != nil {
		return ProductMedia{}, err
	}
	return m, nil
}

// StageDatasheet streams an uploaded PDF into the store, saved under a name made from the
// uploaded file's name (what a browser offers when saving it). Attach it with AddDatasheet.
func (s *MediaService) StageDatasheet(ctx context.Context, r io.Reader, filename string) (StagedFile, error) {
	return s.stream(ctx, "file", r, map[string]string{"application/pdf": "pdf"}, "must be a PDF document (the type is read from the file's content, not its name)",
		s.limits.MaxDatasheetBytes, func(string) string { return "doc/" + uuid.NewString() + "/" + pdfName(baseName(filename)) })
}

// AddDatasheet attaches a staged PDF; the title defaults to the file's name. The staged file is
// deleted on any error.
func (s *MediaService) AddDatasheet(ctx context.Context, productID uuid.UUID, f StagedFile, title, filename string) (_ ProductMedia, err error) {
	defer func() {
		if err != nil {
			s.Discard(ctx, f)
		}
	}()
	if strings.TrimSpace(title) == "" {
		title = baseName(filename)
		if r := []rune(title); len(r) > maxTitleLen {
			title = string(r[:maxTitleLen])
		}
	}
	if title, err = cleanText("title", title, maxTitleLen); err != nil {
		return ProductMedia{}, err
	}
	if title == "" {
		title = "Datasheet"
	}
	if f.Key == "" {
		return ProductMedia{}, apperr.Field("file", "is required: the PDF document")
	}
	m := ProductMedia{ProductID: productID, Kind: MediaDatasheet, StorageKey: f.Key, ContentType: f.ContentType, Bytes: f.Bytes, Title: title}
	if err := s.insert(ctx, &m); err != nil {
		return ProductMedia{}, err
	}
	return m, nil
}

// baseName is an uploaded file's name without directories or extension.
func baseName(filename string) string {
	b := path.Base(strings.ReplaceAll(filename, "\\", "/"))
	b = strings.TrimSuffix(b, path.Ext(b))
	if b == "." || b == "/" {
		return ""
	}
	return b
}

// pdfName is the file name a datasheet is saved as in the browser: the title as a slug.
func pdfName(title string) string {
	n := Slugify(title)
	if len(n) > 80 {
		n = strings.TrimRight(n[:80], "-")
	}
	if n == "" {
		n = "datasheet"
	}
	return n + ".pdf"
}

// MediaPatch changes a media row's text; nil leaves a field as it is.
type MediaPatch struct {
	Alt   *string
	Title *string
}

func (s *MediaService) find(ctx context.Context, tx *gorm.DB, productID, mediaID uuid.UUID) (ProductMedia, error) {
	var m ProductMedia
	err := tx.WithContext(ctx).Where("id = ? AND product_id = ?", mediaID, productID).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		if err := checkProduct(ctx, tx, productID); err != nil {
			return m, err
		}
		return m, ErrMediaNotFound
	}
	if err != nil {
		return m, fmt.Errorf("find media: %w", err)
	}
	return m, nil
}

// Update changes alt text (images) or title (videos and datasheets).
func (s *MediaService) Update(ctx context.Context, productID, mediaID uuid.UUID, p MediaPatch) (ProductMedia, error) {
	var m ProductMedia
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if m, err = s.find(ctx, tx, productID, mediaID); err != nil {
			return err
		}
		before := mediaAudit(m)
		if p.Alt != nil {
			if m.Kind != MediaImage {
				return apperr.Field("alt", "applies to images only; videos and datasheets have a title")
			}
			if m.Alt, err = cleanText("alt", *p.Alt, maxAltLen); err != nil {
				return err
			}
		}
		if p.Title != nil {
			if m.Kind == MediaImage {
				return apperr.Field("title", "applies to videos and datasheets; images have alt text")
			}
			if m.Title, err = cleanText("title", *p.Title, maxTitleLen); err != nil {
				return err
			}
		}
		m.UpdatedAt = s.clock().UTC()
		if err := tx.Model(&ProductMedia{}).Where("id = ?", m.ID).Updates(map[string]any{"alt": m.Alt, "title": m.Title, "updated_at": m.UpdatedAt}).Error; err != nil {
			return fmt.Errorf("update media: %w", err)
		}
		return s.audit.Record(ctx, tx, audit.Event{Action: "product.media_updated", EntityType: "product", EntityID: productID.String(), Before: before, After: mediaAudit(m)})
	})
	return m, err
}

// Reorder puts the given media in the given order. They keep the positions they hold between
// them, so one kind (say, the images) can be reordered without naming the others.
func (s *MediaService) Reorder(ctx context.Context, productID uuid.UUID, ids []uuid.UUID) ([]ProductMedia, error) {
	if len(ids) == 0 {
		return nil, apperr.Field("ids", "must list the media ids in their new order")
	}
	var out []ProductMedia
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var all []ProductMedia
		if err := tx.Where("product_id = ?", productID).Order("position").Order("id").Find(&all).Error; err != nil {
			return fmt.Errorf("list media: %w", err)
		}
		if len(all) == 0 {
			if err := checkProduct(ctx, tx, productID); err != nil {
				return err
			}
		}
		byID := map[uuid.UUID]int{}
		for i, m := range all {
			byID[m.ID] = i
		}
		seen := map[uuid.UUID]bool{}
		positions := make([]int, 0, len(ids))
		for i, id := range ids {
			k, ok := byID[id]
			if !ok || seen[id] {
				return apperr.Field(fmt.Sprintf("ids[%d]", i), "is not a media id of this product, or is listed twice")
			}
			seen[id] = true
			positions = append(positions, all[k].Position)
		}
		sort.Ints(positions)
		before := make([]string, len(ids))
		for i, id := range ids {
			k := byID[id]
			before[i] = fmt.Sprintf("%s@%d", id, all[k].Position)
			if all[k].Position == positions[i] {
				continue
			}
			all[k].Position = positions[i]
			if err := tx.Model(&ProductMedia{}).Where("id = ?", id).Update("position", positions[i]).Error; err != nil {
				return fmt.Errorf("reorder media: %w", err)
			}
		}
		sort.SliceStable(all, func(i, j int) bool { return all[i].Position < all[j].Position })
		out = all
		return s.audit.Record(ctx, tx, audit.Event{Action: "product.media_reordered", EntityType: "product", EntityID: productID.String(),
			Before: map[string]any{"positions": before}, After: map[string]any{"order": ids}})
	})
	return out, err
}

// Delete removes a media row and then its files.
func (s *MediaService) Delete(ctx context.Context, productID, mediaID uuid.UUID) error {
	var m ProductMedia
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if m, err = s.find(ctx, tx, productID, mediaID); err != nil {
			return err
		}
		if err := tx.Where("id = ?", m.ID).Delete(&ProductMedia{}).Error; err != nil {
			return fmt.Errorf("delete media: %w", err)
		}
		return s.audit.Record(ctx, tx, audit.Event{Action: "product.media_deleted", EntityType: "product", EntityID: productID.String(), Before: mediaAudit(m)})
	})
	if err != nil {
		return err
	}
	// After the commit: a crash here leaves unreferenced files, never a row without its files.
	s.removeFiles(ctx, m.keys())
	return nil
}
