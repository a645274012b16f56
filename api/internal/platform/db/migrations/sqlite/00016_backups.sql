-- +goose Up
-- One row per backup attempt: scheduled (one per schedule slot), requested by an admin, or made
-- by `omsd backup`. The archive itself lives in the backup directory (and off-site when set).
CREATE TABLE backups (
    id              TEXT PRIMARY KEY,
    trigger         TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'cli')),
    -- The schedule occurrence a scheduled backup belongs to; unique, so however many replicas or
    -- duplicate jobs try, one slot makes at most one backup. NULL for on-demand backups.
    slot            DATETIME UNIQUE,
    status          TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    requested_by    TEXT,
    file_name       TEXT NOT NULL DEFAULT '',
    size_bytes      INTEGER NOT NULL DEFAULT 0,
    sha256          TEXT NOT NULL DEFAULT '',
    encrypted       INTEGER NOT NULL DEFAULT 0,
    manifest        TEXT,
    offsite_key     TEXT,
    offsite_error   TEXT NOT NULL DEFAULT '',
    error           TEXT NOT NULL DEFAULT '',
    created_at      DATETIME NOT NULL,
    started_at      DATETIME,
    -- A running backup touches this every 30 s; a stale one was left by a process that stopped.
    heartbeat_at    DATETIME,
    finished_at     DATETIME,
    verified_at     DATETIME,
    verify_level    TEXT NOT NULL DEFAULT '',
    verify_error    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX backups_status_finished_idx ON backups (status, finished_at);

-- +goose Down
DROP TABLE backups;
