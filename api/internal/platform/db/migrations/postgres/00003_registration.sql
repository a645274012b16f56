-- +goose Up
-- Counters for human identifiers (Registration ID per year, Login ID): they only go up, so an
-- identifier is never issued twice.
CREATE TABLE id_counters (
    name  text PRIMARY KEY,
    value bigint NOT NULL
);

-- Approved buyers. Registration ID and Login ID are issued on approval and never change.
CREATE TABLE customers (
    id                          uuid PRIMARY KEY,
    registration_id             text NOT NULL,
    login_id                    text NOT NULL,
    type                        text NOT NULL CHECK (type IN ('consumer', 'business')),
    name                        text NOT NULL,
    email                       text NOT NULL CHECK (email = lower(email)),
    phone                       text NOT NULL,
    phone_verified_at           timestamptz,
    email_verified_at           timestamptz,
    password_hash               text NOT NULL,
    address_line1               text NOT NULL,
    address_line2               text NOT NULL DEFAULT '',
    city                        text NOT NULL,
    postal_code                 text NOT NULL,
    country                     text NOT NULL,
    company_legal_name          text,
    tax_id                      text,
    company_registration_number text,
    status                      text NOT NULL CHECK (status IN ('active', 'disabled')),
    application_id              uuid NOT NULL,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL,
    version                     integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX customers_registration_id_key ON customers (registration_id);
CREATE UNIQUE INDEX customers_login_id_key ON customers (login_id);
CREATE UNIQUE INDEX customers_email_key ON customers (email);
CREATE UNIQUE INDEX customers_phone_key ON customers (phone);
CREATE UNIQUE INDEX customers_tax_id_key ON customers (tax_id) WHERE tax_id IS NOT NULL;

-- Applications to register, from first submission to staff decision.
CREATE TABLE registration_applications (
    id                          uuid PRIMARY KEY,
    type                        text NOT NULL CHECK (type IN ('consumer', 'business')),
    status                      text NOT NULL CHECK (status IN ('pending_verification', 'pending_review', 'approved', 'rejected')),
    token_hash                  text NOT NULL,
    name                        text NOT NULL,
    email                       text NOT NULL,
    phone                       text NOT NULL,
    password_hash               text NOT NULL,
    address_line1               text NOT NULL,
    address_line2               text NOT NULL DEFAULT '',
    city                        text NOT NULL,
    postal_code                 text NOT NULL,
    country                     text NOT NULL,
    company_legal_name          text,
    tax_id                      text,
    company_registration_number text,
    flags                       text NOT NULL DEFAULT '[]',
    email_verified_at           timestamptz,
    phone_verified_at           timestamptz,
    reject_reason               text,
    reviewed_by                 uuid,
    reviewed_at                 timestamptz,
    customer_id                 uuid REFERENCES customers (id),
    created_ip                  text NOT NULL,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL
);
CREATE INDEX registration_applications_status_idx ON registration_applications (status, id);
CREATE INDEX registration_applications_email_idx ON registration_applications (email);
CREATE INDEX registration_applications_phone_idx ON registration_applications (phone);
CREATE INDEX registration_applications_tax_id_idx ON registration_applications (tax_id);
CREATE INDEX registration_applications_ip_idx ON registration_applications (created_ip, created_at);

-- One live code per application and channel, stored as an HMAC, never in clear.
CREATE TABLE verification_codes (
    application_id uuid NOT NULL REFERENCES registration_applications (id) ON DELETE CASCADE,
    channel        text NOT NULL CHECK (channel IN ('email', 'sms')),
    code_hash      text NOT NULL,
    expires_at     timestamptz NOT NULL,
    attempts       integer NOT NULL DEFAULT 0,
    sends          integer NOT NULL DEFAULT 1,
    last_sent_at   timestamptz NOT NULL,
    verified_at    timestamptz,
    PRIMARY KEY (application_id, channel)
);

-- +goose Down
DROP TABLE verification_codes;
DROP TABLE registration_applications;
DROP TABLE customers;
DROP TABLE id_counters;
