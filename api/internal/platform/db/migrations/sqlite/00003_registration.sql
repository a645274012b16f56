-- +goose Up
-- Counters for human identifiers (Registration ID per year, Login ID): they only go up, so an
-- identifier is never issued twice.
CREATE TABLE id_counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

-- Approved buyers. Registration ID and Login ID are issued on approval and never change.
CREATE TABLE customers (
    id                          TEXT PRIMARY KEY,
    registration_id             TEXT NOT NULL,
    login_id                    TEXT NOT NULL,
    type                        TEXT NOT NULL CHECK (type IN ('consumer', 'business')),
    name                        TEXT NOT NULL,
    email                       TEXT NOT NULL CHECK (email = lower(email)),
    phone                       TEXT NOT NULL,
    phone_verified_at           DATETIME,
    email_verified_at           DATETIME,
    password_hash               TEXT NOT NULL,
    address_line1               TEXT NOT NULL,
    address_line2               TEXT NOT NULL DEFAULT '',
    city                        TEXT NOT NULL,
    postal_code                 TEXT NOT NULL,
    country                     TEXT NOT NULL,
    company_legal_name          TEXT,
    tax_id                      TEXT,
    company_registration_number TEXT,
    status                      TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
    application_id              TEXT NOT NULL,
    created_at                  DATETIME NOT NULL,
    updated_at                  DATETIME NOT NULL,
    version                     INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX customers_registration_id_key ON customers (registration_id);
CREATE UNIQUE INDEX customers_login_id_key ON customers (login_id);
CREATE UNIQUE INDEX customers_email_key ON customers (email);
CREATE UNIQUE INDEX customers_phone_key ON customers (phone);
CREATE UNIQUE INDEX customers_tax_id_key ON customers (tax_id) WHERE tax_id IS NOT NULL;

-- Applications to register, from first submission to staff decision.
CREATE TABLE registration_applications (
    id                          TEXT PRIMARY KEY,
    type                        TEXT NOT NULL CHECK (type IN ('consumer', 'business')),
    status                      TEXT NOT NULL CHECK (status IN ('pending_verification', 'pending_review', 'approved', 'rejected')),
    token_hash                  TEXT NOT NULL,
    name                        TEXT NOT NULL,
    email                       TEXT NOT NULL,
    phone                       TEXT NOT NULL,
    password_hash               TEXT NOT NULL,
    address_line1               TEXT NOT NULL,
    address_line2               TEXT NOT NULL DEFAULT '',
    city                        TEXT NOT NULL,
    postal_code                 TEXT NOT NULL,
    country                     TEXT NOT NULL,
    company_legal_name          TEXT,
    tax_id                      TEXT,
    company_registration_number TEXT,
    flags                       TEXT NOT NULL DEFAULT '[]',
    email_verified_at           DATETIME,
    phone_verified_at           DATETIME,
    reject_reason               TEXT,
    reviewed_by                 TEXT,
    reviewed_at                 DATETIME,
    customer_id                 TEXT REFERENCES customers (id),
    created_ip                  TEXT NOT NULL,
    created_at                  DATETIME NOT NULL,
    updated_at                  DATETIME NOT NULL
);
CREATE INDEX registration_applications_status_idx ON registration_applications (status, id);
CREATE INDEX registration_applications_email_idx ON registration_applications (email);
CREATE INDEX registration_applications_phone_idx ON registration_applications (phone);
CREATE INDEX registration_applications_tax_id_idx ON registration_applications (tax_id);
CREATE INDEX registration_applications_ip_idx ON registration_applications (created_ip, created_at);

-- One live code per application and channel, stored as an HMAC, never in clear.
CREATE TABLE verification_codes (
    application_id TEXT NOT NULL REFERENCES registration_applications (id) ON DELETE CASCADE,
    channel        TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    code_hash      TEXT NOT NULL,
    expires_at     DATETIME NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    sends          INTEGER NOT NULL DEFAULT 1,
    last_sent_at   DATETIME NOT NULL,
    verified_at    DATETIME,
    PRIMARY KEY (application_id, channel)
);

-- +goose Down
DROP TABLE verification_codes;
DROP TABLE registration_applications;
DROP TABLE customers;
DROP TABLE id_counters;
