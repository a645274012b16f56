package backup

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// Status of one backup attempt.
type Status string

const (
	StatusQueued    Status = "queued"    // asked for (POST), waiting for a worker
	StatusRunning   Status = "running"   // a worker is writing the archive
	StatusSucceeded Status = "succeeded" // the archive is complete and checked
	StatusFailed    Status = "failed"    // see Error; admins were told
)

// Trigger says who started a backup.
type Trigger string

const (
	TriggerSchedule Trigger = "schedule" // the periodic job (OMS_BACKUP_SCHEDULE)
	TriggerManual   Trigger = "manual"   // an admin, through the API / back office
	TriggerCLI      Trigger = "cli"      // omsd backup
)

// Backup is one row of backups: an attempt and, when it succeeded, the archive it made.
type Backup struct {
	ID          uuid.UUID `gorm:"primaryKey"`
	Trigger     Trigger
	Slot        *time.Time // the schedule occurrence (scheduled backups only); unique
	Status      Status
	RequestedBy *uuid.UUID
	FileName    string // archive file in the backup directory
	SizeBytes   int64
	SHA256      string `gorm:"column:sha256"` // of the whole archive file, as stored
	Encrypted   bool
	Manifest    *string // the archive's manifest.json (no secrets)
	OffsiteKey  *string // object key of the off-site copy
	// OffsiteError is why the off-site copy failed (the local archive is fine); retried after
	// the next backup.
	OffsiteError string
	Error        string
	CreatedAt    time.Time
	StartedAt    *time.Time
	HeartbeatAt  *time.Time // touched every 30 s while running
	FinishedAt   *time.Time
	VerifiedAt   *time.Time
	VerifyLevel  string // full (every part read and checked) or checksum (encrypted, no key here)
	VerifyError  string // empty when the last verification passed
}

func (Backup) TableName() string { return "backups" }

// ParsedManifest returns the stored manifest (zero when there is none yet).
func (b Backup) ParsedManifest() Manifest {
	var m Manifest
	if b.Manifest != nil {
		_ = json.Unmarshal([]byte(*b.Manifest), &m)
	}
	return m
}

// ManifestFormat is the version of the archive layout this code writes and reads.
const ManifestFormat = 1

// Manifest describes an archive; it is the last entry of the archive (manifest.json), and a copy
// is kept in the backups row.
type Manifest struct {
	Format         int              `json:"format"`
	BackupID       uuid.UUID        `json:"backup_id"`
	Product        string           `json:"product"`
	Version        string           `json:"version"`
	Commit         string           `json:"commit"`
	Dialect        string           `json:"dialect"`
	SchemaVersion  int64            `json:"schema_version"`
	PGDumpVersion  string           `json:"pg_dump_version,omitempty"`
	CreatedAt      time.Time        `json:"created_at"`
	Parts          []Part           `json:"parts"`
	RowCounts      map[string]int64 `json:"row_counts"`
	MediaFiles     int              `json:"media_files"`
	MediaBytes     int64            `json:"media_bytes"`
	UploadFiles    int              `json:"upload_files"`
	UploadBytes    int64            `json:"upload_bytes"`
	DatabaseBytes  int64            `json:"database_bytes"`
	DatabaseFormat string           `json:"database_format"` // pg_dump-custom | sqlite
}

// Part is one file inside the archive with its SHA-256.
type Part struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Archive entry names and prefixes.
const (
	manifestName     = "manifest.json"
	pgDumpPart       = "database/postgres.dump"
	sqlitePart       = "database/sqlite.db"
	mediaPrefix      = "media/"
	uploadsPrefix    = "uploads/"
	maxManifestBytes = 64 << 20
)

// MainTables are counted into every manifest and compared after a restore; a database where
// all of them are empty counts as empty (restore needs no --force).
var MainTables = []string{
	"staff_users", "customers", "registration_applications", "categories", "products", "product_media",
	"catalogs", "price_lists", "offers", "orders", "order_lines", "order_events", "shipments",
	"order_returns", "outbound_messages", "audit_log",
}
