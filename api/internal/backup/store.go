package backup

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// store keeps the backups table.
type store struct{ db *gorm.DB }

func (s store) with(ctx context.Context, tx *gorm.DB) *gorm.DB {
	if tx != nil {
		return tx.WithContext(ctx)
	}
	return s.db.WithContext(ctx)
}

// insert adds a row; a second row for the same schedule slot is ErrSlotTaken.
func (s store) insert(ctx context.Context, tx *gorm.DB, b *Backup) error {
	err := s.with(ctx, tx).Create(b).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return ErrSlotTaken
	}
	if err != nil {
		return fmt.Errorf("record backup: %w", err)
	}
	return nil
}

// claim moves a queued row to running; false when another worker took it (or it is gone).
func (s store) claim(ctx context.Context, id uuid.UUID, now time.Time) (bool, error) {
	res := s.db.WithContext(ctx).Model(&Backup{}).Where("id = ? AND status = ?", id, StatusQueued).
		Updates(map[string]any{"status": StatusRunning, "started_at": now, "heartbeat_at": now})
	if res.Error != nil {
		return false, fmt.Errorf("claim backup: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

func (s store) save(ctx context.Context, b *Backup) error {
	if err := s.db.WithContext(ctx).Save(b).Error; err != nil {
		return fmt.Errorf("update backup %s: %w", b.ID, err)
	}
	return nil
}

func (s store) get(ctx context.Context, id uuid.UUID) (Backup, error) {
	var b Backup
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&b).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return b, ErrNotFound
	}
	if err != nil {
		return b, fmt.Errorf("get backup: %w", err)
	}
	return b, nil
}

// list returns rows newest first (ids are UUIDv7, so id order is creation order).
func (s store) list(ctx context.Context, before *uuid.UUID, limit int) ([]Backup, error) {
	q := s.db.WithContext(ctx).Order("id DESC").Limit(limit)
	if before != nil {
		q = q.Where("id < ?", *before)
	}
	var out []Backup
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	return out, nil
}

// active returns queued and running rows.
func (s store) active(ctx context.Context, tx *gorm.DB) ([]Backup, error) {
	var out []Backup
	if err := s.with(ctx, tx).Where("status IN ?", []Status{StatusQueued, StatusRunning}).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("active backups: %w", err)
	}
	return out, nil
}

// last returns the newest finished row with the status (found false when there is none).
func (s store) last(ctx context.Context, st Status) (Backup, bool, error) {
	var b Backup
	err := s.db.WithContext(ctx).Where("status = ? AND finished_at IS NOT NULL", st).Order("finished_at DESC").Limit(1).Take(&b).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return b, false, nil
	}
	if err != nil {
		return b, false, fmt.Errorf("last %s backup: %w", st, err)
	}
	return b, true, nil
}

// lastOffsiteFailure is the newest succeeded backup whose off-site copy failed.
func (s store) lastOffsiteFailure(ctx context.Context) (Backup, bool, error) {
	var b Backup
	err := s.db.WithContext(ctx).Where("status = ? AND offsite_error <> '' AND finished_at IS NOT NULL", StatusSucceeded).
		Order("finished_at DESC").Limit(1).Take(&b).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return b, false, nil
	}
	if err != nil {
		return b, false, fmt.Errorf("last off-site failure: %w", err)
	}
	return b, true, nil
}

func (s store) succeeded(ctx context.Context) ([]Backup, error) {
	var out []Backup
	if err := s.db.WithContext(ctx).Where("status = ?", StatusSucceeded).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("succeeded backups: %w", err)
	}
	return out, nil
}

func (s store) delete(ctx context.Context, id uuid.UUID) error {
	if err := s.db.WithContext(ctx).Where("id = ?", id).Delete(&Backup{}).Error; err != nil {
		return fmt.Errorf("delete backup row: %w", err)
	}
	return nil
}

// deleteFailedBefore forgets failed attempts older than t (the audit log keeps them).
func (s store) deleteFailedBefore(ctx context.Context, t time.Time) error {
	if err := s.db.WithContext(ctx).Where("status = ? AND created_at < ?", StatusFailed, t).Delete(&Backup{}).Error; err != nil {
		return fmt.Errorf("delete old failed backups: %w", err)
	}
	return nil
}

// failAbandoned marks rows as failed whose process stopped: running without a heartbeat since
// before stale, or still queued since before queuedBefore (no worker took them).
func (s store) failAbandoned(ctx context.Context, tx *gorm.DB, stale, queuedBefore, now time.Time) (int64, error) {
	res := s.with(ctx, tx).Model(&Backup{}).
		Where("(status = ? AND COALESCE(heartbeat_at, started_at, created_at) < ?) OR (status = ? AND created_at < ?)",
			StatusRunning, stale, StatusQueued, queuedBefore).
		Updates(map[string]any{"status": StatusFailed, "finished_at": now, "error": "abandoned: the process running it stopped before it finished"})
	if res.Error != nil {
		return 0, fmt.Errorf("fail abandoned backups: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// heartbeat shows that a run is alive.
func (s store) heartbeat(ctx context.Context, id uuid.UUID, now time.Time) error {
	return s.db.WithContext(ctx).Model(&Backup{}).Where("id = ? AND status = ?", id, StatusRunning).Update("heartbeat_at", now).Error
}
