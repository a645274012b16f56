-- +goose Up
-- API keys of business customers for their own systems; only a hash of the key is kept.
CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id),
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    key_hash     TEXT NOT NULL,
    created_at   DATETIME NOT NULL,
    last_used_at DATETIME,
    revoked_at   DATETIME
);
CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_customer_idx ON api_keys (customer_id, id);

-- +goose Down
DROP TABLE api_keys;
