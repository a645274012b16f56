-- +goose Up
-- Password reset codes, stored as HMACs; one live code per account.
CREATE TABLE password_resets (
    id           uuid PRIMARY KEY,
    subject_kind text NOT NULL CHECK (subject_kind IN ('staff', 'customer')),
    subject_id   uuid NOT NULL,
    code_hash    text NOT NULL,
    attempts     integer NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);
CREATE INDEX password_resets_subject_idx ON password_resets (subject_kind, subject_id, id);
CREATE INDEX password_resets_expires_at_idx ON password_resets (expires_at);

-- +goose Down
DROP TABLE password_resets;
