package registration

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/filestore"
)

// Document limits: a few supporting papers (certificate of incorporation, tax registration), not
// an archive.
const (
	MaxDocumentBytes = 5 << 20
	maxDocuments     = 5
)

// allowedTypes are judged from the file's bytes, never from its name or the client's header.
var allowedTypes = map[string]bool{"application/pdf": true, "image/jpeg": true, "image/png": true}

var (
	ErrDocumentNotFound = apperr.NotFound("document not found")
	ErrDocumentType     = apperr.Field("file", "must be a PDF, JPEG or PNG file")
	ErrDocumentTooLarge = apperr.Field("file", fmt.Sprintf("must be at most %d MiB", MaxDocumentBytes>>20))
	ErrTooManyDocuments = apperr.Conflict(fmt.Sprintf("an application can have at most %d documents", maxDocuments))
	ErrNoDocumentsNow   = apperr.Conflict("documents can be added only while the application is open")
)

// Document is one uploaded file.
type Document struct {
	ID            uuid.UUID `gorm:"primaryKey"`
	ApplicationID uuid.UUID
	Filename      string
	ContentType   string
	SizeBytes     int64
	SHA256        string `gorm:"column:sha256"`
	StorageKey    string
	CreatedAt     time.Time
}

func (Document) TableName() string { return "registration_documents" }

// Documents keeps applicants' files.
type Documents struct {
	db    *gorm.DB
	svc   *Service
	files filestore.Store
	clock func() time.Time
}

func NewDocuments(db *gorm.DB, svc *Service, files filestore.Store, clock func() time.Time) *Documents {
	return &Documents{db: db, svc: svc, files: files, clock: clock}
}

// Add stores a document for an open application (its owner holds the token).
func (d *Documents) Add(ctx context.Context, id uuid.UUID, token, filename string, body io.Reader) (Document, error) {
	a, err := d.svc.authorize(ctx, id, token)
	if err != nil {
		return Document{}, err
	}
	if a.Status != PendingVerification && a.Status != PendingReview {
		return Document{}, ErrNoDocumentsNow
	}
	var n int64
	if err := d.db.WithContext(ctx).Model(&Document{}).Where("application_id = ?", id).Count(&n).Error; err != nil {
		return Document{}, fmt.Errorf("count documents: %w", err)
	}
	if n >= maxDocuments {
		return Document{}, ErrTooManyDocuments
	}
	br := bufio.NewReaderSize(io.LimitReader(body, MaxDocumentBytes+1), 512)
	head, _ := br.Peek(512)
	ctype := http.DetectContentType(head)
	if !allowedTypes[ctype] {
		return Document{}, ErrDocumentType
	}
	// Hash and size while the bytes go to the store; refuse (and delete) when over the limit.
	doc := Document{ID: uuid.Must(uuid.NewV7()), ApplicationID: id, Filename: cleanFilename(filename), ContentType: ctype, CreatedAt: d.clock().UTC()}
	doc.StorageKey = "registrations/" + id.String() + "/" + doc.ID.String()
	h := sha256.New()
	counter := &countingWriter{}
	if err := d.files.Put(ctx, doc.StorageKey, io.TeeReader(br, io.MultiWriter(h, counter))); err != nil {
		return Document{}, err
	}
	if counter.n > MaxDocumentBytes {
		_ = d.files.Delete(ctx, doc.StorageKey)
		return Document{}, ErrDocumentTooLarge
	}
	doc.SizeBytes, doc.SHA256 = counter.n, hex.EncodeToString(h.Sum(nil))
	if err := d.db.WithContext(ctx).Create(&doc).Error; err != nil {
		_ = d.files.Delete(ctx, doc.StorageKey)
		return Document{}, fmt.Errorf("store document: %w", err)
	}
	return doc, nil
}

// List returns an application's documents (for reviewers).
func (d *Documents) List(ctx context.Context, id uuid.UUID) ([]Document, error) {
	var out []Document
	if err := d.db.WithContext(ctx).Where("application_id = ?", id).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return out, nil
}

// Open returns one document and its bytes (for reviewers).
func (d *Documents) Open(ctx context.Context, id, docID uuid.UUID) (Document, io.ReadCloser, error) {
	var doc Document
	err := d.db.WithContext(ctx).Where("id = ? AND application_id = ?", docID, id).Take(&doc).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Document{}, nil, ErrDocumentNotFound
	}
	if err != nil {
		return Document{}, nil, fmt.Errorf("find document: %w", err)
	}
	r, err := d.files.Open(ctx, doc.StorageKey)
	if errors.Is(err, filestore.ErrNotFound) {
		return Document{}, nil, ErrDocumentNotFound
	}
	return doc, r, err
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// cleanFilename keeps a readable, harmless name: no path, no control characters, ≤ 100 runes.
func cleanFilename(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '/' {
			return -1
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 100 {
		name = string(r[len(r)-100:])
	}
	if name == "" || name == "." {
		return "document"
	}
	return name
}
