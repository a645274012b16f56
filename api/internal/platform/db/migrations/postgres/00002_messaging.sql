-- +goose Up
-- Every SMS and email the product sends: the outbox and the delivery record in one.
CREATE TABLE outbound_messages (
    id                  uuid PRIMARY KEY,
    channel             text NOT NULL CHECK (channel IN ('sms', 'email')),
    recipient           text NOT NULL,
    subject             text NOT NULL DEFAULT '',
    body                text NOT NULL,
    template_key        text NOT NULL,
    related_type        text,
    related_id          text,
    status              text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'undeliverable')),
    provider            text NOT NULL,
    provider_message_id text,
    attempts            integer NOT NULL DEFAULT 0,
    last_error          text,
    error_code          text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    sent_at             timestamptz,
    delivered_at        timestamptz
);
CREATE INDEX outbound_messages_recipient_idx ON outbound_messages (channel, recipient, created_at);
CREATE INDEX outbound_messages_status_idx ON outbound_messages (status, id);
CREATE UNIQUE INDEX outbound_messages_provider_id_key ON outbound_messages (provider, provider_message_id);

-- Numbers that replied STOP: no SMS goes to them until they reply START.
CREATE TABLE sms_opt_outs (
    phone        text PRIMARY KEY,
    opted_out_at timestamptz NOT NULL,
    source       text NOT NULL
);

-- +goose Down
DROP TABLE sms_opt_outs;
DROP TABLE outbound_messages;
