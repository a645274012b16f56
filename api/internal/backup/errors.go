package backup

import (
	"errors"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

var (
	ErrNotFound        = apperr.NotFound("backup not found")
	ErrBusy            = apperr.Conflict("a backup is already queued or running; wait for it to finish")
	ErrNotDownloadable = apperr.Conflict("this backup has no archive (it has not succeeded, or its file is gone)")
	// ErrNotEmpty: restore refuses to overwrite data unless forced.
	ErrNotEmpty = errors.New("the target database is not empty: restoring would replace its data (use --force to do so)")
	// ErrCorrupt wraps every reason an archive is refused: bad checksum, truncation, unknown entries.
	ErrCorrupt = errors.New("backup archive is damaged or incomplete")
	// ErrEncrypted: the archive is encrypted and no identity was given.
	ErrEncrypted = errors.New("backup archive is encrypted: give the age identity (omsd restore --identity FILE, or OMS_BACKUP_AGE_IDENTITY)")
	// ErrWrongKey: none of the identities given opens the archive.
	ErrWrongKey = errors.New("backup archive is encrypted to another key: none of the age identities given can open it")
	// ErrSlotTaken: another worker already made (or is making) the backup of this schedule slot.
	ErrSlotTaken = errors.New("the backup of this schedule slot was already taken")
)
