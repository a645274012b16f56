-- +goose Up
-- Every SMS and email the product sends: the outbox and the delivery record in one.
CREATE TABLE outbound_messages (
    id                  TEXT PRIMARY KEY,
    channel             TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    recipient           TEXT NOT NULL,
    subject             TEXT NOT NULL DEFAULT '',
    body                TEXT NOT NULL,
    template_key        TEXT NOT NULL,
    related_type        TEXT,
    related_id          TEXT,
    status              TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'undeliverable')),
    provider            TEXT NOT NULL,
    provider_message_id TEXT,
    attempts            INTEGER NOT NULL DEFAULT 0,
    last_error          TEXT,
    error_code          TEXT,
    created_at          DATETIME NOT NULL,
    updated_at          DATETIME NOT NULL,
    sent_at             DATETIME,
    delivered_at        DATETIME
);
CREATE INDEX outbound_messages_recipient_idx ON outbound_messages (channel, recipient, created_at);
CREATE INDEX outbound_messages_status_idx ON outbound_messages (status, id);
CREATE UNIQUE INDEX outbound_messages_provider_id_key ON outbound_messages (provider, provider_message_id);

-- Numbers that replied STOP: no SMS goes to them until they reply START.
CREATE TABLE sms_opt_outs (
    phone        TEXT PRIMARY KEY,
    opted_out_at DATETIME NOT NULL,
    source       TEXT NOT NULL
);

-- +goose Down
DROP TABLE sms_opt_outs;
DROP TABLE outbound_messages;
