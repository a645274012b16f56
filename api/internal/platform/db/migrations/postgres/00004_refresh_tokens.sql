-- +goose Up
-- Rotating refresh tokens (opaque; only the SHA-256 of each token is stored). A family is every
-- token descended from one login: rotation marks a token used and adds its successor to the
-- family; presenting a used token again revokes the whole family. subject_id points at
-- staff_users or customers depending on subject_kind, so it has no foreign key.
CREATE TABLE refresh_tokens (
    id             uuid PRIMARY KEY,
    family_id      uuid NOT NULL,
    subject_id     uuid NOT NULL,
    subject_kind   text NOT NULL CHECK (subject_kind IN ('staff', 'customer')),
    token_hash     text NOT NULL CHECK (length(token_hash) = 64),
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    revoked_at     timestamptz,
    revoked_reason text,
    user_agent     text NOT NULL DEFAULT '',
    ip             text NOT NULL DEFAULT '',
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_subject_idx ON refresh_tokens (subject_kind, subject_id);
CREATE INDEX refresh_tokens_expires_at_idx ON refresh_tokens (expires_at);

-- +goose Down
DROP TABLE refresh_tokens;
