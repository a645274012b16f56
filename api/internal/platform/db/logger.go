package db

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// quietLogger skips GORM's trace unless it will be logged. GORM's slog logger renders every
// statement (an Explain with all values) before deciding whether to log it; on a list page that
// was a tenth of the server's CPU. Only errors and slow statements are logged here.
type quietLogger struct {
	logger.Interface
	slow time.Duration
}

func (l quietLogger) LogMode(level logger.LogLevel) logger.Interface {
	return quietLogger{Interface: l.Interface.LogMode(level), slow: l.slow}
}

func (l quietLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if (err == nil || errors.Is(err, gorm.ErrRecordNotFound)) && time.Since(begin) <= l.slow {
		return
	}
	l.Interface.Trace(ctx, begin, fc, err)
}
