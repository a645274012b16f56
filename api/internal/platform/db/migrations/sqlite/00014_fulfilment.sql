-- +goose Up
-- Who the order was for, as they were named when it was placed: queue rows, CSV exports and
-- invoices read it without joining accounts, and a later rename never rewrites an invoice.
ALTER TABLE orders ADD COLUMN customer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN customer_login_id TEXT NOT NULL DEFAULT '';
CREATE INDEX orders_placed_idx ON orders (placed_at);

-- Order-update notifications the customer wants (the "order placed" message always goes).
ALTER TABLE customers ADD COLUMN notify_order_email INTEGER NOT NULL DEFAULT 1;
ALTER TABLE customers ADD COLUMN notify_order_sms INTEGER NOT NULL DEFAULT 1;

-- A parcel: which lines and how many units left together, with the carrier's tracking.
CREATE TABLE shipments (
    id              TEXT PRIMARY KEY,
    order_id        TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    number          INTEGER NOT NULL CHECK (number > 0),
    carrier         TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    tracking_url    TEXT,
    status          TEXT NOT NULL CHECK (status IN ('shipped', 'delivered')),
    shipped_at      DATETIME NOT NULL,
    delivered_at    DATETIME,
    created_by      TEXT REFERENCES staff_users (id)
);
CREATE UNIQUE INDEX shipments_order_number_key ON shipments (order_id, number);

CREATE TABLE shipment_lines (
    shipment_id   TEXT NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    order_line_id TEXT NOT NULL REFERENCES order_lines (id) ON DELETE CASCADE,
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (shipment_id, order_line_id)
);

-- A customer's request to send some delivered units back, and what staff made of it.
CREATE TABLE order_returns (
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL CHECK (number > 0),
    status       TEXT NOT NULL CHECK (status IN ('requested', 'accepted', 'rejected', 'received')),
    reason       TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    restocked    INTEGER NOT NULL DEFAULT 0,
    requested_at DATETIME NOT NULL,
    decided_at   DATETIME,
    received_at  DATETIME,
    decided_by   TEXT REFERENCES staff_users (id)
);
CREATE UNIQUE INDEX order_returns_order_number_key ON order_returns (order_id, number);

CREATE TABLE return_lines (
    return_id     TEXT NOT NULL REFERENCES order_returns (id) ON DELETE CASCADE,
    order_line_id TEXT NOT NULL REFERENCES order_lines (id) ON DELETE CASCADE,
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (return_id, order_line_id)
);

-- +goose Down
DROP TABLE return_lines;
DROP TABLE order_returns;
DROP TABLE shipment_lines;
DROP TABLE shipments;
ALTER TABLE customers DROP COLUMN notify_order_sms;
ALTER TABLE customers DROP COLUMN notify_order_email;
DROP INDEX orders_placed_idx;
ALTER TABLE orders DROP COLUMN customer_login_id;
ALTER TABLE orders DROP COLUMN customer_name;
