-- +goose Up
-- Rotating refresh tokens (opaque; only the SHA-256 of each token is stored). A family is every
-- token descended from one login: rotation marks a token used and adds its successor to the
-- family; presenting a used token again revokes the whole family. subject_id points at
-- staff_users or customers depending on subject_kind, so it has no foreign key.
CREATE TABLE refresh_tokens (
    id             TEXT PRIMARY KEY,
    family_id      TEXT NOT NULL,
    subject_id     TEXT NOT NULL,
    subject_kind   TEXT NOT NULL CHECK (subject_kind IN ('staff', 'customer')),
    token_hash     TEXT NOT NULL CHECK (length(token_hash) = 64),
    created_at     DATETIME NOT NULL,
    expires_at     DATETIME NOT NULL,
    used_at        DATETIME,
    revoked_at     DATETIME,
    revoked_reason TEXT,
    user_agent     TEXT NOT NULL DEFAULT '',
    ip             TEXT NOT NULL DEFAULT '',
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_subject_idx ON refresh_tokens (subject_kind, subject_id);
CREATE INDEX refresh_tokens_expires_at_idx ON refresh_tokens (expires_at);

-- +goose Down
DROP TABLE refresh_tokens;
