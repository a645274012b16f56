package filestore_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/openoms/oms/api/internal/platform/filestore"
	"github.com/openoms/oms/api/internal/platform/filestore/fakes3"
)

// stores runs every test against each implementation, so Local and S3 stay in step.
func stores(t *testing.T) map[string]filestore.Store {
	t.Helper()
	local, err := filestore.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	o := fakes3.Start(t, "oms-test")
	o.Prefix, o.PartSize = "media", 5<<20
	s3, err := filestore.NewS3(o)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]filestore.Store{"local": local, "s3": s3}
}

func read(t *testing.T, s filestore.Store, key string) string {
	t.Helper()
	f, err := s.Open(context.Background(), key)
	if err != nil {
		t.Fatalf("open %s: %v", key, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStores(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			t.Run("round trip and overwrite", func(t *testing.T) {
				if err := s.Put(ctx, "registrations/a1/d1", strings.NewReader("hello")); err != nil {
					t.Fatal(err)
				}
				if got := read(t, s, "registrations/a1/d1"); got != "hello" {
					t.Fatalf("read %q", got)
				}
				if err := s.Put(ctx, "registrations/a1/d1", strings.NewReader("hello again")); err != nil {
					t.Fatal(err)
				}
				if got := read(t, s, "registrations/a1/d1"); got != "hello again" {
					t.Fatalf("after overwrite %q", got)
				}
				info, err := s.Stat(ctx, "registrations/a1/d1")
				if err != nil || info.Size != 11 || info.Key != "registrations/a1/d1" || time.Since(info.ModTime) > time.Hour {
					t.Fatalf("stat %+v %v", info, err)
				}
			})
			t.Run("invalid keys", func(t *testing.T) {
				for _, bad := range []string{"../etc/passwd", "/abs", "a/../../b", "", "a//b", ".hidden", "a/.b", "a\\b", "a/b/", "sp ace"} {
					if err := s.Put(ctx, bad, strings.NewReader("x")); err == nil {
						t.Errorf("Put %q accepted", bad)
					}
					if _, err := s.Open(ctx, bad); err == nil || errors.Is(err, filestore.ErrNotFound) {
						t.Errorf("Open %q: %v", bad, err)
					}
				}
			})
			t.Run("missing", func(t *testing.T) {
				if _, err := s.Open(ctx, "nope/x.jpg"); !errors.Is(err, filestore.ErrNotFound) {
					t.Fatalf("open: %v", err)
				}
				if _, err := s.Stat(ctx, "nope/x.jpg"); !errors.Is(err, filestore.ErrNotFound) {
					t.Fatalf("stat: %v", err)
				}
				if err := s.Delete(ctx, "nope/x.jpg"); err != nil {
					t.Fatalf("delete of a missing key: %v", err)
				}
			})
			t.Run("delete", func(t *testing.T) {
				if err := s.Put(ctx, "del/a", strings.NewReader("x")); err != nil {
					t.Fatal(err)
				}
				if err := s.Delete(ctx, "del/a"); err != nil {
					t.Fatal(err)
				}
				if _, err := s.Open(ctx, "del/a"); !errors.Is(err, filestore.ErrNotFound) {
					t.Fatalf("after delete: %v", err)
				}
			})
			t.Run("list by prefix", func(t *testing.T) {
				for _, k := range []string{"list/b/2.jpg", "list/a/1.jpg", "list/a/10.jpg", "lists/x", "other/y"} {
					if err := s.Put(ctx, k, strings.NewReader(k)); err != nil {
						t.Fatal(err)
					}
				}
				for prefix, want := range map[string]string{
					"list/":    "list/a/1.jpg list/a/10.jpg list/b/2.jpg",
					"list/a/":  "list/a/1.jpg list/a/10.jpg",
					"list/a/1": "list/a/1.jpg list/a/10.jpg",
					"list":     "list/a/1.jpg list/a/10.jpg list/b/2.jpg lists/x",
					"none/":    "",
				} {
					got, err := s.List(ctx, prefix)
					if err != nil {
						t.Fatal(err)
					}
					var keys []string
					for _, i := range got {
						keys = append(keys, i.Key)
						if i.Size != int64(len(i.Key)) {
							t.Errorf("%s: size %d", i.Key, i.Size)
						}
					}
					if strings.Join(keys, " ") != want {
						t.Errorf("List(%q) = %v, want %s", prefix, keys, want)
					}
				}
			})
			t.Run("range requests through http.ServeContent", func(t *testing.T) {
				body := strings.Repeat("0123456789", 100)
				if err := s.Put(ctx, "video/v.mp4", strings.NewReader(body)); err != nil {
					t.Fatal(err)
				}
				f, err := s.Open(ctx, "video/v.mp4")
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				req := httptest.NewRequest("GET", "/v.mp4", nil)
				req.Header.Set("Range", "bytes=995-")
				rec := httptest.NewRecorder()
				http.ServeContent(rec, req, "v.mp4", time.Time{}, f)
				if rec.Code != http.StatusPartialContent || rec.Body.String() != "56789" || rec.Header().Get("Content-Range") != "bytes 995-999/1000" {
					t.Fatalf("range: %d %q %q", rec.Code, rec.Body, rec.Header().Get("Content-Range"))
				}
			})
			t.Run("large upload streams in parts", func(t *testing.T) {
				big := make([]byte, 5<<20+123) // more than one 5 MiB part: multipart on S3
				_, _ = rand.Read(big)
				if err := s.Put(ctx, "big/blob", bytes.NewReader(big)); err != nil {
					t.Fatal(err)
				}
				if got := read(t, s, "big/blob"); got != string(big) {
					t.Fatalf("big file differs (%d bytes read)", len(got))
				}
			})
			t.Run("cancelled upload leaves nothing", func(t *testing.T) {
				cctx, cancel := context.WithCancel(ctx)
				cancel()
				if err := s.Put(cctx, "cancel/x", io.LimitReader(rand.Reader, 6<<20)); err == nil {
					t.Fatal("cancelled Put succeeded")
				}
				if _, err := s.Stat(ctx, "cancel/x"); !errors.Is(err, filestore.ErrNotFound) {
					t.Fatalf("after cancelled put: %v", err)
				}
			})
		})
	}
}

// Two stores sharing a bucket under different prefixes do not see each other's files.
func TestS3PrefixesKeepUsesApart(t *testing.T) {
	ctx := context.Background()
	o := fakes3.Start(t, "shared")
	o.Prefix = "media"
	media, err := filestore.NewS3(o)
	if err != nil {
		t.Fatal(err)
	}
	o.Prefix = "backups/prod"
	backups, err := filestore.NewS3(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := media.Put(ctx, "img/a.jpg", strings.NewReader("a")); err != nil {
		t.Fatal(err)
	}
	if _, err := backups.Open(ctx, "img/a.jpg"); !errors.Is(err, filestore.ErrNotFound) {
		t.Fatalf("backups sees media: %v", err)
	}
	if l, _ := backups.List(ctx, ""); len(l) != 0 {
		t.Fatalf("backups lists %v", l)
	}
	if l, _ := media.List(ctx, ""); len(l) != 1 || l[0].Key != "img/a.jpg" {
		t.Fatalf("media lists %v", l)
	}
}

func TestNewS3RefusesBadOptions(t *testing.T) {
	for _, o := range []filestore.S3Options{
		{Endpoint: "https://s3.example.com", Bucket: "b"},
		{Endpoint: "s3.example.com/path", Bucket: "b"},
		{Endpoint: "", Bucket: "b"},
		{Endpoint: "s3.example.com"},
		{Endpoint: "s3.example.com", Bucket: "b", Prefix: "../x"},
		{Endpoint: "s3.example.com", Bucket: "b", PartSize: 1 << 20},
	} {
		if _, err := filestore.NewS3(o); err == nil {
			t.Errorf("accepted %+v", o)
		}
	}
}
