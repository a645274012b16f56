-- +goose Up
-- One row per backup attempt: scheduled (one per schedule slot), requested by an admin, or made
-- by `omsd backup`. The archive itself lives in the backup directory (and off-site when set).
CREATE TABLE backups (
    id              uuid PRIMARY KEY,
    trigger         text NOT NULL CHECK (trigger IN ('schedule', 'manual', 'cli')),
    -- The schedule occurrence a scheduled backup belongs to; unique, so however many replicas or
    -- duplicate jobs try, one slot makes at most one backup. NULL for on-demand backups.
    slot            timestamptz UNIQUE,
    status          text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    requested_by    uuid,
    file_name       text NOT NULL DEFAULT '',
    size_bytes      bigint NOT NULL DEFAULT 0,
    sha256          text NOT NULL DEFAULT '',
    encrypted       boolean NOT NULL DEFAULT false,
    manifest        text,
    offsite_key     text,
    offsite_error   text NOT NULL DEFAULT '',
    error           text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL,
    started_at      timestamptz,
    -- A running backup touches this every 30 s; a stale one was left by a process that stopped.
    heartbeat_at    timestamptz,
    finished_at     timestamptz,
    verified_at     timestamptz,
    verify_level    text NOT NULL DEFAULT '',
    verify_error    text NOT NULL DEFAULT ''
);
CREATE INDEX backups_status_finished_idx ON backups (status, finished_at);

-- +goose Down
DROP TABLE backups;
