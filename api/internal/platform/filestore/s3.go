package filestore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Options configure an S3-compatible object store (AWS S3, MinIO, Ceph, R2, …).
type S3Options struct {
	Endpoint        string // host[:port], e.g. s3.amazonaws.com or minio:9000
	Region          string
	AccessKeyID     string
	SecretAccessKey string
	UseSSL          bool
	Bucket          string
	// Prefix is put in front of every key ("media", "backups/prod"), so several uses can share
	// a bucket without seeing each other's files.
	Prefix string
	// PartSize is the memory one upload of unknown length buffers (≥ 5 MiB, default 16 MiB).
	// It also caps an object at 10,000 parts: 160 GiB by default.
	PartSize int64
	// Transport replaces the HTTP transport (tests, custom CAs).
	Transport http.RoundTripper
}

const (
	minPartSize     = 5 << 20 // S3's smallest multipart part
	defaultPartSize = 16 << 20
)

// S3 stores files as objects in a bucket under a key prefix.
type S3 struct {
	client   *minio.Client
	bucket   string
	prefix   string
	partSize int64
}

// NewS3 returns a store for the bucket. It makes no request: a wrong endpoint or credentials
// show up at the first use.
func NewS3(o S3Options) (*S3, error) {
	if o.Endpoint == "" || strings.Contains(o.Endpoint, "://") || strings.Contains(o.Endpoint, "/") {
		return nil, fmt.Errorf("s3 store: endpoint %q must be host[:port] without a scheme or path", o.Endpoint)
	}
	if o.Bucket == "" {
		return nil, errors.New("s3 store: a bucket is required")
	}
	prefix := strings.Trim(o.Prefix, "/")
	if prefix != "" && !ValidKey(prefix) {
		return nil, fmt.Errorf("s3 store: invalid key prefix %q", o.Prefix)
	}
	part := o.PartSize
	if part == 0 {
		part = defaultPartSize
	}
	if part < minPartSize {
		return nil, fmt.Errorf("s3 store: part size must be at least %d bytes", minPartSize)
	}
	c, err := minio.New(o.Endpoint, &minio.Options{
		Creds:     credentials.NewStaticV4(o.AccessKeyID, o.SecretAccessKey, ""),
		Secure:    o.UseSSL,
		Region:    o.Region,
		Transport: o.Transport,
		// Virtual-host style where the endpoint supports it (AWS), path style elsewhere (IPs,
		// MinIO, most self-hosted servers).
		BucketLookup: minio.BucketLookupAuto,
	})
	if err != nil {
		return nil, fmt.Errorf("s3 store: %w", err)
	}
	return &S3{client: c, bucket: o.Bucket, prefix: prefix, partSize: part}, nil
}

func (s *S3) object(key string) (string, error) {
	if err := checkKey(key); err != nil {
		return "", err
	}
	return joinKey(s.prefix, key), nil
}

// Put uploads r. Files smaller than one part go up in a single PUT with a known length; larger
// ones stream as a multipart upload, so memory stays at about two parts whatever the size. An
// object appears only when its upload completes (S3 writes are atomic per object).
func (s *S3) Put(ctx context.Context, key string, r io.Reader) error {
	name, err := s.object(key)
	if err != nil {
		return err
	}
	head := make([]byte, s.partSize)
	n, err := io.ReadFull(r, head)
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		_, err = s.client.PutObject(ctx, s.bucket, name, bytes.NewReader(head[:n]), int64(n), minio.PutObjectOptions{})
	case err != nil:
		return fmt.Errorf("s3 store: read %s: %w", key, err)
	default:
		_, err = s.client.PutObject(ctx, s.bucket, name, io.MultiReader(bytes.NewReader(head), r), -1,
			minio.PutObjectOptions{PartSize: uint64(s.partSize)})
	}
	if err != nil {
		return fmt.Errorf("s3 store: put %s: %w", key, err)
	}
	return nil
}

// Open checks that the object exists (one HEAD), then reads it lazily: minio's Object fetches
// ranges as the caller seeks, which is what http.ServeContent needs for Range requests.
func (s *S3) Open(ctx context.Context, key string) (File, error) {
	name, err := s.object(key)
	if err != nil {
		return nil, err
	}
	obj, err := s.client.GetObject(ctx, s.bucket, name, minio.GetObjectOptions{})
	if err != nil {
		return nil, s3Error("open", key, err)
	}
	if _, err := obj.Stat(); err != nil {
		obj.Close()
		return nil, s3Error("open", key, err)
	}
	return obj, nil
}

func (s *S3) Stat(ctx context.Context, key string) (Info, error) {
	name, err := s.object(key)
	if err != nil {
		return Info{}, err
	}
	st, err := s.client.StatObject(ctx, s.bucket, name, minio.StatObjectOptions{})
	if err != nil {
		return Info{}, s3Error("stat", key, err)
	}
	return Info{Key: key, Size: st.Size, ModTime: st.LastModified.UTC()}, nil
}

func (s *S3) Delete(ctx context.Context, key string) error {
	name, err := s.object(key)
	if err != nil {
		return err
	}
	if err := s.client.RemoveObject(ctx, s.bucket, name, minio.RemoveObjectOptions{}); err != nil {
		if errors.Is(s3Error("delete", key, err), ErrNotFound) {
			return nil
		}
		return fmt.Errorf("s3 store: delete %s: %w", key, err)
	}
	return nil
}

func (s *S3) List(ctx context.Context, prefix string) ([]Info, error) {
	full := prefix
	if s.prefix != "" {
		full = s.prefix + "/" + prefix
	}
	var out []Info
	for o := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: full, Recursive: true}) {
		if o.Err != nil {
			return nil, fmt.Errorf("s3 store: list %q: %w", prefix, o.Err)
		}
		key := o.Key
		if s.prefix != "" {
			key = strings.TrimPrefix(key, s.prefix+"/")
		}
		if !ValidKey(key) {
			continue // not written by a Store (e.g. a folder marker)
		}
		out = append(out, Info{Key: key, Size: o.Size, ModTime: o.LastModified.UTC()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// s3Error maps "no such object" to ErrNotFound and keeps everything else (credentials, network)
// as an error with context.
func s3Error(op, key string, err error) error {
	r := minio.ToErrorResponse(err)
	if r.Code == "NoSuchKey" || r.StatusCode == http.StatusNotFound && r.Code != "NoSuchBucket" {
		return ErrNotFound
	}
	return fmt.Errorf("s3 store: %s %s: %w", op, key, err)
}
