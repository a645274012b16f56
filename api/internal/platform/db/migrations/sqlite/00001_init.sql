-- +goose Up
-- Staff accounts for the back office. Customers get their own table when registration lands.
CREATE TABLE staff_users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL CHECK (email = lower(email)),
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('support', 'fulfilment', 'sales', 'admin')),
    password_hash TEXT NOT NULL,
    disabled_at   DATETIME,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);
CREATE UNIQUE INDEX staff_users_email_key ON staff_users (email);

-- Stored responses for Idempotency-Key requests, scoped to the caller; rows expire.
CREATE TABLE idempotency_keys (
    id            TEXT PRIMARY KEY,
    scope         TEXT NOT NULL,
    idem_key      TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    status_code   INTEGER,
    content_type  TEXT,
    response_body BLOB,
    created_at    DATETIME NOT NULL,
    expires_at    DATETIME NOT NULL
);
CREATE UNIQUE INDEX idempotency_keys_scope_key ON idempotency_keys (scope, idem_key);
CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE staff_users;
