package backup

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/httpx"
)

// Handler serves backups to admins.
type Handler struct {
	svc     *Service
	actorID func(echo.Context) *uuid.UUID
}

func NewHandler(svc *Service, actorID func(echo.Context) *uuid.UUID) *Handler {
	return &Handler{svc: svc, actorID: actorID}
}

// Register adds the routes to an admin-only route set (…/api/v1/admin).
func (h *Handler) Register(admins *httpx.Routes) {
	admins.GET("/backups", h.list)
	admins.POST("/backups", h.request)
	admins.GET("/backups/status", h.status)
	admins.GET("/backups/:id", h.get)
	admins.GET("/backups/:id/download", h.download)
	admins.POST("/backups/:id/verify", h.verify)
}

// View is one backup as admins see it.
type View struct {
	ID              string            `json:"id" validate:"required"`
	Status          Status            `json:"status" validate:"required" enums:"queued,running,succeeded,failed"`
	Trigger         Trigger           `json:"trigger" validate:"required" enums:"schedule,manual,cli"`
	Slot            *time.Time        `json:"slot" extensions:"x-nullable"`
	FileName        string            `json:"file_name" validate:"required"`
	SizeBytes       int64             `json:"size_bytes" validate:"required"`
	SHA256          string            `json:"sha256" validate:"required"`
	Encrypted       bool              `json:"encrypted" validate:"required"`
	Offsite         bool              `json:"offsite" validate:"required"` // an off-site copy exists
	OffsiteError    string            `json:"offsite_error" validate:"required"`
	Error           string            `json:"error" validate:"required"`
	RequestedBy     *string           `json:"requested_by" extensions:"x-nullable"`
	CreatedAt       time.Time         `json:"created_at" validate:"required"`
	StartedAt       *time.Time        `json:"started_at" extensions:"x-nullable"`
	FinishedAt      *time.Time        `json:"finished_at" extensions:"x-nullable"`
	DurationSeconds *float64          `json:"duration_seconds" extensions:"x-nullable"`
	Verification    *VerificationView `json:"verification" extensions:"x-nullable"`
	Manifest        *ManifestView     `json:"manifest" extensions:"x-nullable"`
	// DownloadURL is set when the archive can be downloaded.
	DownloadURL *string `json:"download_url" extensions:"x-nullable"`
} // @name backup.Backup

// VerificationView is the last check of an archive.
type VerificationView struct {
	CheckedAt time.Time `json:"checked_at" validate:"required"`
	Level     string    `json:"level" validate:"required" enums:"full,checksum"`
	OK        bool      `json:"ok" validate:"required"`
	Error     string    `json:"error" validate:"required"`
} // @name backup.Verification

// ManifestView summarises what an archive holds.
type ManifestView struct {
	Version       string           `json:"version" validate:"required"`
	Commit        string           `json:"commit" validate:"required"`
	Dialect       string           `json:"dialect" validate:"required" enums:"postgres,sqlite"`
	SchemaVersion int64            `json:"schema_version" validate:"required"`
	RowCounts     map[string]int64 `json:"row_counts" validate:"required"`
	DatabaseBytes int64            `json:"database_bytes" validate:"required"`
	MediaFiles    int              `json:"media_files" validate:"required"`
	MediaBytes    int64            `json:"media_bytes" validate:"required"`
	UploadFiles   int              `json:"upload_files" validate:"required"`
	UploadBytes   int64            `json:"upload_bytes" validate:"required"`
} // @name backup.Manifest

// Page is a page of backups.
type Page struct {
	Items      []View  `json:"items" validate:"required"`
	NextCursor *string `json:"next_cursor" extensions:"x-nullable"`
} // @name backup.Page

// StatusView is the backup state for the dashboard.
type StatusView struct {
	LastSuccess *View `json:"last_success" extensions:"x-nullable"`
	// LastSuccessAgeSeconds is how old the newest good backup is (null: there is none).
	LastSuccessAgeSeconds *int64 `json:"last_success_age_seconds" extensions:"x-nullable"`
	LastFailure           *View  `json:"last_failure" extensions:"x-nullable"`
	Active                []View `json:"active" validate:"required"`
	// Schedule is OMS_BACKUP_SCHEDULE (null: no automatic backups).
	Schedule  *string    `json:"schedule" extensions:"x-nullable" example:"0 3 * * *"`
	NextRunAt *time.Time `json:"next_run_at" extensions:"x-nullable"`
	// Stale: no backup succeeded within two schedule intervals (a day without a schedule).
	Stale     bool          `json:"stale" validate:"required"`
	Directory string        `json:"directory" validate:"required"`
	Offsite   bool          `json:"offsite" validate:"required"`
	Encrypted bool          `json:"encrypted" validate:"required"`
	Retention RetentionView `json:"retention" validate:"required"`
} // @name backup.Status

// RetentionView is the pruning policy.
type RetentionView struct {
	Daily   int `json:"daily" validate:"required"`
	Weekly  int `json:"weekly" validate:"required"`
	Monthly int `json:"monthly" validate:"required"`
} // @name backup.Retention

// VerifyView is the result of one verification.
type VerifyView struct {
	OK        bool      `json:"ok" validate:"required"`
	Level     string    `json:"level" validate:"required" enums:"full,checksum"`
	Error     string    `json:"error" validate:"required"`
	CheckedAt time.Time `json:"checked_at" validate:"required"`
	Parts     int       `json:"parts" validate:"required"`
	Bytes     int64     `json:"bytes" validate:"required"`
	Backup    View      `json:"backup" validate:"required"`
} // @name backup.VerifyResult

func toView(b Backup) View {
	v := View{ID: b.ID.String(), Status: b.Status, Trigger: b.Trigger, Slot: b.Slot, FileName: b.FileName, SizeBytes: b.SizeBytes,
		SHA256: b.SHA256, Encrypted: b.Encrypted, Offsite: b.OffsiteKey != nil, OffsiteError: b.OffsiteError, Error: b.Error,
		CreatedAt: b.CreatedAt, StartedAt: b.StartedAt, FinishedAt: b.FinishedAt}
	if b.RequestedBy != nil {
		s := b.RequestedBy.String()
		v.RequestedBy = &s
	}
	if b.StartedAt != nil && b.FinishedAt != nil {
		d := b.FinishedAt.Sub(*b.StartedAt).Seconds()
		v.DurationSeconds = &d
	}
	if b.VerifiedAt != nil {
		v.Verification = &VerificationView{CheckedAt: *b.VerifiedAt, Level: b.VerifyLevel, OK: b.VerifyError == "", Error: b.VerifyError}
	}
	if b.Manifest != nil {
		m := b.ParsedManifest()
		v.Manifest = &ManifestView{Version: m.Version, Commit: m.Commit, Dialect: m.Dialect, SchemaVersion: m.SchemaVersion, RowCounts: m.RowCounts,
			DatabaseBytes: m.DatabaseBytes, MediaFiles: m.MediaFiles, MediaBytes: m.MediaBytes, UploadFiles: m.UploadFiles, UploadBytes: m.UploadBytes}
	}
	if b.Status == StatusSucceeded && b.FileName != "" {
		u := "/api/v1/admin/backups/" + b.ID.String() + "/download"
		v.DownloadURL = &u
	}
	return v
}

func backupID(c echo.Context) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return uuid.Nil, ErrNotFound
	}
	return id, nil
}

// list godoc
// @Summary     Backups
// @Description Every backup attempt, newest first: scheduled, requested here, or made with `omsd backup`. Pruned backups are gone; failed attempts stay 30 days.
// @Tags        backups
// @Produce     json
// @Security    BearerAuth
// @Param       cursor    query string false "next_cursor of the previous page"
// @Param       page_size query int    false "1–100, default 20"
// @Success     200 {object} Page
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/backups [get]
func (h *Handler) list(c echo.Context) error {
	pr, err := httpx.ParsePage(c)
	if err != nil {
		return err
	}
	before, err := pr.IDCursor()
	if err != nil {
		return err
	}
	rows, err := h.svc.List(c.Request().Context(), before, pr.PageSize+1)
	if err != nil {
		return err
	}
	views := make([]View, len(rows))
	for i, b := range rows {
		views[i] = toView(b)
	}
	page := httpx.NewPage(views, pr.PageSize, func(v View) any { return v.ID })
	return c.JSON(http.StatusOK, Page{Items: page.Items, NextCursor: page.NextCursor})
}

// request godoc
// @Summary     Back up now
// @Description Queues a backup; a worker makes it within seconds. Poll GET /api/v1/admin/backups/{id} until its status is succeeded or failed. Only one backup waits or runs at a time (409 otherwise).
// @Tags        backups
// @Produce     json
// @Security    BearerAuth
// @Success     202 {object} View
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Router      /api/v1/admin/backups [post]
func (h *Handler) request(c echo.Context) error {
	b, err := h.svc.Request(c.Request().Context(), h.actorID(c))
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/admin/backups/"+b.ID.String())
	return c.JSON(http.StatusAccepted, toView(b))
}

// status godoc
// @Summary     Backup status
// @Description The newest successful and failed backups, what runs now, the schedule and whether backups are overdue — for the dashboard.
// @Tags        backups
// @Produce     json
// @Security    BearerAuth
// @Success     200 {object} StatusView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Router      /api/v1/admin/backups/status [get]
func (h *Handler) status(c echo.Context) error {
	r, err := h.svc.Status(c.Request().Context())
	if err != nil {
		return err
	}
	v := StatusView{Active: make([]View, len(r.Active)), NextRunAt: r.NextRun, Stale: r.Stale, Directory: r.Dir, Offsite: r.Offsite,
		Encrypted: r.Encrypted, Retention: RetentionView{Daily: r.Retention.Daily, Weekly: r.Retention.Weekly, Monthly: r.Retention.Monthly}}
	for i, b := range r.Active {
		v.Active[i] = toView(b)
	}
	if r.LastSuccess != nil {
		ls := toView(*r.LastSuccess)
		v.LastSuccess = &ls
		age := int64(h.svc.now().Sub(*r.LastSuccess.FinishedAt).Seconds())
		v.LastSuccessAgeSeconds = &age
	}
	if r.LastFailure != nil {
		lf := toView(*r.LastFailure)
		v.LastFailure = &lf
	}
	if r.Schedule != "" {
		v.Schedule = &r.Schedule
	}
	return c.JSON(http.StatusOK, v)
}

// get godoc
// @Summary  One backup
// @Tags     backups
// @Produce  json
// @Security BearerAuth
// @Param    id path string true "backup id"
// @Success  200 {object} View
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/admin/backups/{id} [get]
func (h *Handler) get(c echo.Context) error {
	id, err := backupID(c)
	if err != nil {
		return err
	}
	b, err := h.svc.Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toView(b))
}

// download godoc
// @Summary     Download a backup
// @Description The archive file (tar.gz, or tar.gz.age when encrypted), from the backup directory or, when it is gone there, the off-site copy. Range requests resume a broken download. Every download is audited: an archive holds all the shop's data.
// @Tags        backups
// @Produce     application/octet-stream
// @Security    BearerAuth
// @Param       id path string true "backup id"
// @Success     200 {file} file
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Router      /api/v1/admin/backups/{id}/download [get]
func (h *Handler) download(c echo.Context) error {
	id, err := backupID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	b, f, err := h.svc.Open(ctx, id)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := h.svc.Audit(ctx, "backup.downloaded", b.ID); err != nil {
		return err
	}
	res := c.Response()
	// The archive is compressed already, and Range offsets count stored bytes: answer past gzip.
	if u, ok := res.Writer.(interface{ Unwrap() http.ResponseWriter }); ok {
		res.Writer = u.Unwrap()
	}
	_ = http.NewResponseController(res.Writer).SetWriteDeadline(time.Now().Add(6 * time.Hour))
	hdr := res.Header()
	ctype := "application/gzip"
	if strings.HasSuffix(b.FileName, ".age") {
		ctype = "application/octet-stream"
	}
	hdr.Set(echo.HeaderContentType, ctype)
	hdr.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": b.FileName}))
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set(echo.HeaderCacheControl, "no-store")
	hdr.Set("ETag", `"`+b.SHA256+`"`)
	if b.SHA256 != "" {
		hdr.Set("X-Checksum-SHA256", b.SHA256)
	}
	var mod time.Time
	if b.FinishedAt != nil {
		mod = *b.FinishedAt
	}
	http.ServeContent(res, c.Request(), "", mod, f)
	return nil
}

// verify godoc
// @Summary     Verify a backup
// @Description Reads the whole archive and checks it: every part's SHA-256 against the manifest, the compression and encryption layers, and the database itself (SQLite integrity check and row counts; PostgreSQL's pg_restore reads the dump). An encrypted archive is checked against its recorded SHA-256 only, unless the server has the age identity (level "checksum" vs "full"). A damaged archive is a 200 with ok=false; the result is kept on the backup.
// @Tags        backups
// @Produce     json
// @Security    BearerAuth
// @Param       id path string true "backup id"
// @Success     200 {object} VerifyView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Router      /api/v1/admin/backups/{id}/verify [post]
func (h *Handler) verify(c echo.Context) error {
	id, err := backupID(c)
	if err != nil {
		return err
	}
	// Reading a large archive takes longer than a JSON request is allowed to.
	_ = http.NewResponseController(c.Response().Writer).SetWriteDeadline(time.Now().Add(time.Hour))
	ctx := c.Request().Context()
	r, err := h.svc.Verify(ctx, id)
	if err != nil {
		if errors.Is(err, ErrNotDownloadable) || errors.Is(err, ErrNotFound) {
			return err
		}
		return fmt.Errorf("verify backup %s: %w", id, err)
	}
	b, err := h.svc.Get(ctx, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, VerifyView{OK: r.OK, Level: r.Level, Error: r.Error, CheckedAt: r.CheckedAt, Parts: r.Parts, Bytes: r.Bytes, Backup: toView(b)})
}
