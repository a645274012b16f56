package config

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMediaDefaults(t *testing.T) {
	c, err := load(t, map[string]string{"OMS_DATA_DIR": "/var/lib/oms"})
	if err != nil {
		t.Fatal(err)
	}
	if c.MediaDir != filepath.Join("/var/lib/oms", "media") || c.MediaMaxImageBytes != 10<<20 || c.MediaMaxVideoBytes != 200<<20 {
		t.Fatalf("media defaults: %q %d %d", c.MediaDir, c.MediaMaxImageBytes, c.MediaMaxVideoBytes)
	}
	if c.MediaS3Bucket != "" || !c.S3UseSSL || c.S3Region != "us-east-1" {
		t.Fatalf("s3 defaults: %+v", c)
	}
	c, err = load(t, map[string]string{"OMS_MEDIA_DIR": "/srv/media", "OMS_MEDIA_MAX_IMAGE_BYTES": "2MiB"}, "--media-max-video-bytes", "1GiB")
	if err != nil || c.MediaDir != "/srv/media" || c.MediaMaxImageBytes != 2<<20 || c.MediaMaxVideoBytes != 1<<30 {
		t.Fatalf("explicit: %q %d %d %v", c.MediaDir, c.MediaMaxImageBytes, c.MediaMaxVideoBytes, err)
	}
}

func TestMediaS3Settings(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "s3")
	if err := os.WriteFile(secret, []byte("from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	full := map[string]string{"OMS_MEDIA_S3_BUCKET": "oms-media", "OMS_S3_ENDPOINT": "minio:9000", "OMS_S3_ACCESS_KEY_ID": "id",
		"OMS_S3_SECRET_ACCESS_KEY_FILE": secret, "OMS_S3_USE_SSL": "false", "OMS_S3_REGION": "eu-west-1"}
	c, err := load(t, full)
	if err != nil {
		t.Fatal(err)
	}
	if c.MediaS3Bucket != "oms-media" || c.S3Endpoint != "minio:9000" || c.S3AccessKeyID != "id" || c.S3SecretAccessKey != "from-file" || c.S3UseSSL || c.S3Region != "eu-west-1" {
		t.Fatalf("s3: %+v", c)
	}
	without := func(k string) map[string]string {
		m := map[string]string{}
		for kk, v := range full {
			if kk != k {
				m[kk] = v
			}
		}
		return m
	}
	with := func(k, v string) map[string]string { m := without(k); m[k] = v; return m }
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{without("OMS_S3_ENDPOINT"), "OMS_S3_ENDPOINT"},
		{without("OMS_S3_ACCESS_KEY_ID"), "OMS_S3_ACCESS_KEY_ID"},
		{without("OMS_S3_SECRET_ACCESS_KEY_FILE"), "OMS_S3_SECRET_ACCESS_KEY"},
		{with("OMS_S3_ENDPOINT", "https://s3.amazonaws.com"), "OMS_S3_ENDPOINT"},
		{with("OMS_S3_ENDPOINT", "minio:port"), "OMS_S3_ENDPOINT"},
		{with("OMS_S3_ENDPOINT", "s3.example.com/bucket"), "OMS_S3_ENDPOINT"},
		{with("OMS_MEDIA_S3_BUCKET", "Bad_Bucket"), "OMS_MEDIA_S3_BUCKET"},
		{with("OMS_S3_USE_SSL", "sometimes"), "OMS_S3_USE_SSL"},
		{map[string]string{"OMS_MEDIA_MAX_IMAGE_BYTES": "0"}, "OMS_MEDIA_MAX_IMAGE_BYTES"},
		{map[string]string{"OMS_MEDIA_MAX_VIDEO_BYTES": "huge"}, "OMS_MEDIA_MAX_VIDEO_BYTES"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			_, err := load(t, tc.env)
			var ce *Error
			if !errors.As(err, &ce) || ce.Var != tc.want {
				t.Fatalf("err = %v, want config error naming %s", err, tc.want)
			}
		})
	}
	// The secret key is never a flag: a command line is visible to every user of the host.
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	Bind(fs, func(string) string { return "" })
	if err := fs.Parse([]string{"--s3-secret-access-key", "x"}); err == nil || !strings.Contains(err.Error(), "not defined") {
		t.Fatalf("--s3-secret-access-key: %v", err)
	}
}
