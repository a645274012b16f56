-- +goose Up
-- Staff accounts for the back office. Customers get their own table when registration lands.
CREATE TABLE staff_users (
    id            uuid PRIMARY KEY,
    email         text NOT NULL CHECK (email = lower(email)),
    name          text NOT NULL,
    role          text NOT NULL CHECK (role IN ('support', 'fulfilment', 'sales', 'admin')),
    password_hash text NOT NULL,
    disabled_at   timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX staff_users_email_key ON staff_users (email);

-- Stored responses for Idempotency-Key requests, scoped to the caller; rows expire.
CREATE TABLE idempotency_keys (
    id            uuid PRIMARY KEY,
    scope         text NOT NULL,
    idem_key      text NOT NULL,
    request_hash  text NOT NULL,
    status_code   integer,
    content_type  text,
    response_body bytea,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX idempotency_keys_scope_key ON idempotency_keys (scope, idem_key);
CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE staff_users;
