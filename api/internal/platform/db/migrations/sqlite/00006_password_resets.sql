-- +goose Up
-- Password reset codes, stored as HMACs; one live code per account.
CREATE TABLE password_resets (
    id           TEXT PRIMARY KEY,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('staff', 'customer')),
    subject_id   TEXT NOT NULL,
    code_hash    TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    created_at   DATETIME NOT NULL,
    expires_at   DATETIME NOT NULL,
    used_at      DATETIME
);
CREATE INDEX password_resets_subject_idx ON password_resets (subject_kind, subject_id, id);
CREATE INDEX password_resets_expires_at_idx ON password_resets (expires_at);

-- +goose Down
DROP TABLE password_resets;
