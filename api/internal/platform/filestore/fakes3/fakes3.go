// Package fakes3 runs an in-process S3 server (gofakes3, in memory) for tests of code that uses
// filestore.S3, so the real minio client and the S3 wire protocol are exercised without a network.
package fakes3

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/openoms/oms/api/internal/platform/filestore"
)

// Start serves a fake S3 with an empty bucket until the test ends and returns the options that
// reach it (prefix unset).
func Start(t testing.TB, bucket string) filestore.S3Options {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(dechunkParts(gofakes3.New(backend, gofakes3.WithAutoBucket(false)).Server()))
	t.Cleanup(srv.Close)
	return filestore.S3Options{
		Endpoint: strings.TrimPrefix(srv.URL, "http://"), Region: "us-east-1",
		AccessKeyID: "test-access-key", SecretAccessKey: "test-secret-key", UseSSL: false, Bucket: bucket,
	}
}

// dechunkParts decodes aws-chunked bodies of multipart part uploads, which gofakes3 v1.2.0
// decodes only for single PUTs (minio-go sends every signed PUT over plain HTTP that way; real
// S3 and MinIO decode both).
func dechunkParts(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut && r.URL.Query().Has("partNumber") &&
			strings.HasPrefix(r.Header.Get("X-Amz-Content-Sha256"), "STREAMING-") {
			body, err := decodeChunks(r.Body)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
			r.Header.Set("Content-Length", strconv.Itoa(len(body)))
			r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
			r.Header.Del("X-Amz-Decoded-Content-Length")
		}
		next.ServeHTTP(w, r)
	})
}

// decodeChunks reads "<hex size>;chunk-signature=…\r\n<data>\r\n" chunks up to the empty one.
func decodeChunks(r io.Reader) ([]byte, error) {
	br := bufio.NewReader(r)
	var out bytes.Buffer
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("chunk header: %w", err)
		}
		size, _, _ := strings.Cut(strings.TrimSpace(line), ";")
		n, err := strconv.ParseInt(size, 16, 64)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("chunk size %q", size)
		}
		if n == 0 {
			return out.Bytes(), nil
		}
		if _, err := io.CopyN(&out, br, n); err != nil {
			return nil, fmt.Errorf("chunk data: %w", err)
		}
		if _, err := br.Discard(2); err != nil {
			return nil, fmt.Errorf("chunk end: %w", err)
		}
	}
}
