package backup

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/openoms/oms/api/internal/platform/filestore"
)

// An archive is one file: tar → gzip → (optionally) age. Entries are the database part, then
// media/… and uploads/… files, then manifest.json with the SHA-256 of every other entry. A reader
// checks everything — age's authenticated chunks, gzip's CRC, each part's size and hash, the
// manifest's list, and the whole file's hash when it is known — before anything is restored.

// archiveWriter writes one archive file.
type archiveWriter struct {
	file  *os.File
	sum   hash.Hash
	count *countingWriter
	enc   io.WriteCloser // nil when not encrypted
	gz    *gzip.Writer
	tw    *tar.Writer
	parts []Part
	now   time.Time
}

func newArchiveWriter(f *os.File, recipients []age.Recipient, now time.Time) (*archiveWriter, error) {
	w := &archiveWriter{file: f, sum: sha256.New(), now: now}
	w.count = &countingWriter{w: io.MultiWriter(f, w.sum)}
	var out io.Writer = w.count
	if len(recipients) > 0 {
		enc, err := age.Encrypt(out, recipients...)
		if err != nil {
			return nil, fmt.Errorf("encrypt archive: %w", err)
		}
		w.enc, out = enc, enc
	}
	// Media are compressed already and pg_dump compresses its own data: speed over ratio.
	gz, err := gzip.NewWriterLevel(out, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	w.gz = gz
	w.tw = tar.NewWriter(gz)
	return w, nil
}

// add writes one part of exactly size bytes from r and records its hash.
func (w *archiveWriter) add(ctx context.Context, name string, size int64, r io.Reader) error {
	hdr := &tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: 0o600, Size: size, ModTime: w.now, Format: tar.FormatPAX}
	if err := w.tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("archive %s: %w", name, err)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w.tw, h), ctxReader{ctx, io.LimitReader(r, size)})
	if err != nil {
		return fmt.Errorf("archive %s: %w", name, err)
	}
	if n != size {
		return fmt.Errorf("archive %s: read %d of %d bytes (the file changed while it was copied)", name, n, size)
	}
	w.parts = append(w.parts, Part{Name: name, Size: size, SHA256: hex.EncodeToString(h.Sum(nil))})
	return nil
}

// addFile adds a file from disk.
func (w *archiveWriter) addFile(ctx context.Context, name, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	return w.add(ctx, name, st.Size(), f)
}

// finish writes the manifest (with the parts' hashes) and closes every layer; it returns the
// file's size and SHA-256.
func (w *archiveWriter) finish(m *Manifest) (int64, string, error) {
	m.Parts = w.parts
	body, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return 0, "", err
	}
	if err := w.tw.WriteHeader(&tar.Header{Name: manifestName, Typeflag: tar.TypeReg, Mode: 0o600, Size: int64(len(body)), ModTime: w.now}); err != nil {
		return 0, "", err
	}
	if _, err := w.tw.Write(body); err != nil {
		return 0, "", err
	}
	if err := w.tw.Close(); err != nil {
		return 0, "", err
	}
	if err := w.gz.Close(); err != nil {
		return 0, "", err
	}
	if w.enc != nil {
		if err := w.enc.Close(); err != nil {
			return 0, "", err
		}
	}
	if err := w.file.Sync(); err != nil {
		return 0, "", err
	}
	return w.count.n, hex.EncodeToString(w.sum.Sum(nil)), nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// visitor sees each part of an archive as it streams by; it may read all, some or none of r (the
// rest is read for the hash). It is never called for manifest.json.
type visitor func(name string, size int64, r io.Reader) error

// checked is what reading an archive proved.
type checked struct {
	Manifest  Manifest
	SHA256    string // of the whole file
	Size      int64
	Encrypted bool
}

// readArchive streams a whole archive and checks it. wantSHA, when not empty, is the whole
// file's expected SHA-256 (from the backups row or the .sha256 file beside the archive).
// Nothing but visit sees the contents, and any error means the archive must not be used.
func readArchive(ctx context.Context, src io.Reader, ids []age.Identity, wantSHA string, visit visitor) (checked, error) {
	var res checked
	sum := sha256.New()
	counted := &countingReader{r: io.TeeReader(src, sum)}
	br := bufio.NewReaderSize(counted, 64<<10)
	var plain io.Reader = br
	if isEncrypted(br) {
		res.Encrypted = true
		dr, err := decrypt(br, ids)
		if err != nil {
			return res, err
		}
		plain = dr
	}
	gz, err := gzip.NewReader(plain)
	if err != nil {
		return res, corrupt("not a backup archive (%v)", err)
	}
	tr := tar.NewReader(gz)
	seen := map[string]Part{}
	var order []string
	var manifest *Manifest
	for {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return res, corrupt("reading entry after %q: %v", last(order), err)
		}
		name := hdr.Name
		if hdr.Typeflag != tar.TypeReg || !validPartName(name) {
			return res, corrupt("unexpected entry %q", name)
		}
		if _, dup := seen[name]; dup || (name == manifestName && manifest != nil) {
			return res, corrupt("entry %q appears twice", name)
		}
		if manifest != nil {
			return res, corrupt("entry %q after the manifest", name)
		}
		if name == manifestName {
			if hdr.Size > maxManifestBytes {
				return res, corrupt("manifest too large")
			}
			var m Manifest
			if err := json.NewDecoder(io.LimitReader(tr, hdr.Size)).Decode(&m); err != nil {
				return res, corrupt("manifest: %v", err)
			}
			manifest = &m
			continue
		}
		h := sha256.New()
		cr := &countingReader{r: io.TeeReader(tr, h)}
		if visit != nil {
			if err := visit(name, hdr.Size, cr); err != nil {
				return res, fmt.Errorf("%s: %w", name, wrapRead(err))
			}
		}
		if _, err := io.Copy(io.Discard, cr); err != nil {
			return res, corrupt("%s: %v", name, err)
		}
		seen[name] = Part{Name: name, Size: cr.n, SHA256: hex.EncodeToString(h.Sum(nil))}
		order = append(order, name)
	}
	// The end of the tar stream is not the end of the file: gzip's CRC and length, age's last
	// chunk and any trailing bytes are checked by reading to the very end.
	if _, err := io.Copy(io.Discard, gz); err != nil {
		return res, corrupt("compressed stream: %v", err)
	}
	if _, err := io.Copy(io.Discard, plain); err != nil {
		return res, corrupt("after the archive: %v", err)
	}
	if _, err := io.Copy(io.Discard, br); err != nil {
		return res, corrupt("reading the file: %v", err)
	}
	res.SHA256, res.Size = hex.EncodeToString(sum.Sum(nil)), counted.n
	if wantSHA != "" && !strings.EqualFold(wantSHA, res.SHA256) {
		return res, corrupt("the file's SHA-256 is %s, the backup recorded %s", res.SHA256, wantSHA)
	}
	if manifest == nil {
		return res, corrupt("no manifest.json: the archive is incomplete")
	}
	if err := checkManifest(*manifest, seen); err != nil {
		return res, err
	}
	res.Manifest = *manifest
	return res, nil
}

func checkManifest(m Manifest, seen map[string]Part) error {
	if m.Format != ManifestFormat {
		return corrupt("manifest format %d; this version reads format %d", m.Format, ManifestFormat)
	}
	dbPart := map[string]string{"postgres": pgDumpPart, "sqlite": sqlitePart}[m.Dialect]
	if dbPart == "" {
		return corrupt("manifest names an unknown dialect %q", m.Dialect)
	}
	listed := map[string]bool{}
	for _, p := range m.Parts {
		got, ok := seen[p.Name]
		switch {
		case !ok:
			return corrupt("%s is listed in the manifest but missing", p.Name)
		case got.Size != p.Size:
			return corrupt("%s has %d bytes, the manifest says %d", p.Name, got.Size, p.Size)
		case !strings.EqualFold(got.SHA256, p.SHA256):
			return corrupt("%s: checksum mismatch (the file was changed or damaged)", p.Name)
		}
		listed[p.Name] = true
	}
	for name := range seen {
		if !listed[name] {
			return corrupt("%s is not in the manifest", name)
		}
	}
	if !listed[dbPart] {
		return corrupt("no database in the archive")
	}
	return nil
}

func validPartName(name string) bool {
	switch {
	case name == manifestName, name == pgDumpPart, name == sqlitePart:
		return true
	case strings.HasPrefix(name, mediaPrefix):
		return filestore.ValidKey(strings.TrimPrefix(name, mediaPrefix))
	case strings.HasPrefix(name, uploadsPrefix):
		return filestore.ValidKey(strings.TrimPrefix(name, uploadsPrefix))
	}
	return false
}

func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
}

// wrapRead marks read errors of the stream (truncation, bad CRC) as corruption; a visitor's own
// errors (disk full while staging) pass through.
func wrapRead(err error) error {
	var re readError
	if errors.As(err, &re) {
		return corrupt("%v", re.err)
	}
	return err
}

func last(s []string) string {
	if len(s) == 0 {
		return "(start)"
	}
	return s[len(s)-1]
}

// countingReader counts bytes and marks its read errors so visitors' own errors stay apart.
type countingReader struct {
	r io.Reader
	n int64
}

type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }
func (e readError) Unwrap() error { return e.err }

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err != nil && !errors.Is(err, io.EOF) {
		return n, readError{err}
	}
	return n, err
}

// ctxReader stops a long copy when the context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
