// Package filestore keeps uploaded files outside the web root, behind a small interface so an
// object store can replace the local directory when several replicas must share files.
package filestore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Store saves and returns files by key. Keys are slash-separated relative paths of letters,
// digits, '.', '_' and '-' (no segment starts with a dot), so no key can leave the store.
type Store interface {
	// Put stores everything r yields under key, replacing what was there. A reader never sees
	// a partly written file.
	Put(ctx context.Context, key string, r io.Reader) error
	// Open returns the file; it can seek, so HTTP Range requests work (http.ServeContent).
	Open(ctx context.Context, key string) (File, error)
	// Stat describes a file without reading it.
	Stat(ctx context.Context, key string) (Info, error)
	// Delete removes a file; deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
	// List returns the files whose keys start with prefix, sorted by key.
	List(ctx context.Context, prefix string) ([]Info, error)
}

// File is an open stored file.
type File interface {
	io.ReadSeekCloser
}

// Info describes a stored file.
type Info struct {
	Key     string
	Size    int64
	ModTime time.Time
}

// ErrNotFound is returned by Open and Stat for a missing key.
var ErrNotFound = errors.New("file not found")

var validKey = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$`)

// ValidKey reports whether key is acceptable to every Store.
func ValidKey(key string) bool { return len(key) <= 512 && validKey.MatchString(key) }

func checkKey(key string) error {
	if !ValidKey(key) {
		return fmt.Errorf("file store: invalid key %q", key)
	}
	return nil
}

// Local stores files under a directory.
type Local struct{ root string }

// NewLocal uses dir (created when missing, mode 0700: uploads may hold personal documents).
func NewLocal(dir string) (*Local, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create file store %s: %w", dir, err)
	}
	return &Local{root: dir}, nil
}

func (l *Local) path(key string) (string, error) {
	if err := checkKey(key); err != nil {
		return "", err
	}
	return filepath.Join(l.root, filepath.FromSlash(key)), nil
}

// Put writes the file atomically: a reader never sees half a file.
func (l *Local) Put(ctx context.Context, key string, r io.Reader) error {
	p, err := l.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return fmt.Errorf("file store: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".upload-*")
	if err != nil {
		return fmt.Errorf("file store: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, ctxReader{ctx, r}); err != nil {
		tmp.Close()
		return fmt.Errorf("file store: write %s: %w", key, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("file store: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("file store: %w", err)
	}
	return nil
}

func (l *Local) Open(_ context.Context, key string) (File, error) {
	p, err := l.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("file store: %w", err)
	}
	return f, nil
}

func (l *Local) Stat(_ context.Context, key string) (Info, error) {
	p, err := l.path(key)
	if err != nil {
		return Info{}, err
	}
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && st.IsDir()) {
		return Info{}, ErrNotFound
	}
	if err != nil {
		return Info{}, fmt.Errorf("file store: %w", err)
	}
	return Info{Key: key, Size: st.Size(), ModTime: st.ModTime().UTC()}, nil
}

func (l *Local) Delete(_ context.Context, key string) error {
	p, err := l.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("file store: %w", err)
	}
	return nil
}

// List walks only the directory the prefix names (not the whole store) and skips temporary
// files of uploads in progress.
func (l *Local) List(ctx context.Context, prefix string) ([]Info, error) {
	dir := ""
	if i := strings.LastIndex(prefix, "/"); i >= 0 {
		dir = prefix[:i]
	}
	if dir != "" && !ValidKey(dir) {
		return nil, fmt.Errorf("file store: invalid prefix %q", prefix)
	}
	var out []Info
	start := filepath.Join(l.root, filepath.FromSlash(dir))
	err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != start {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(l.root, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		if !strings.HasPrefix(key, prefix) || !ValidKey(key) {
			return nil
		}
		st, err := d.Info()
		if err != nil {
			return nil // removed while walking
		}
		out = append(out, Info{Key: key, Size: st.Size(), ModTime: st.ModTime().UTC()})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("file store: list %q: %w", prefix, err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// ctxReader stops a long copy when the request that feeds it is gone.
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

// joinKey puts a store's key prefix in front of a key.
func joinKey(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return path.Join(prefix, key)
}
