package app

import (
	"maps"
	"path/filepath"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/config"
	"github.com/openoms/oms/api/internal/platform/filestore"
)

// mediaStore is where product media live: an S3-compatible bucket (under media/) when one is
// configured, so every replica serves the same files; otherwise a local directory.
func mediaStore(cfg config.Config) (filestore.Store, error) {
	if cfg.MediaS3Bucket == "" {
		dir := cfg.MediaDir
		if dir == "" { // config.Load sets it; a Config built in code may not
			dir = filepath.Join(cfg.DataDir, "media")
		}
		return filestore.NewLocal(dir)
	}
	s, err := filestore.NewS3(filestore.S3Options{
		Endpoint: cfg.S3Endpoint, Region: cfg.S3Region, AccessKeyID: cfg.S3AccessKeyID, SecretAccessKey: cfg.S3SecretAccessKey,
		UseSSL: cfg.S3UseSSL, Bucket: cfg.MediaS3Bucket, Prefix: "media",
	})
	if err != nil {
		return nil, &config.Error{Var: "OMS_S3_ENDPOINT", Msg: err.Error()}
	}
	return s, nil
}

func mediaLimits(cfg config.Config) catalog.MediaLimits {
	return catalog.MediaLimits{Image: catalog.ImageLimits{MaxBytes: cfg.MediaMaxImageBytes}, MaxVideoBytes: cfg.MediaMaxVideoBytes}
}

// withMediaLimits adds the upload routes' body limits to the others.
func (a *App) withMediaLimits(limits map[string]int64) map[string]int64 {
	out := maps.Clone(limits)
	maps.Copy(out, catalog.MediaBodyLimits(a.Media.Limits()))
	return out
}
