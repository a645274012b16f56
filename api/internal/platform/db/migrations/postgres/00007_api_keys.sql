-- +goose Up
-- API keys of business customers for their own systems; only a hash of the key is kept.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    customer_id  uuid NOT NULL REFERENCES customers (id),
    name         text NOT NULL,
    prefix       text NOT NULL,
    key_hash     text NOT NULL,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_customer_idx ON api_keys (customer_id, id);

-- +goose Down
DROP TABLE api_keys;
