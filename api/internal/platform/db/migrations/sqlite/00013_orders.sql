-- +goose Up
-- Carts live on the server, one per customer, so they follow the customer across devices.
CREATE TABLE cart_items (
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    added_at    DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    PRIMARY KEY (customer_id, product_id)
);

-- Orders: a snapshot of what was bought at which price; money in minor units.
CREATE TABLE orders (
    id                      TEXT PRIMARY KEY,
    reference               TEXT NOT NULL,
    customer_id             TEXT NOT NULL REFERENCES customers (id),
    status                  TEXT NOT NULL CHECK (status IN ('placed', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'returned')),
    priority                TEXT NOT NULL CHECK (priority IN ('standard', 'express', 'urgent')),
    channel                 TEXT NOT NULL CHECK (channel IN ('web', 'api', 'phone', 'email', 'fax', 'staff')),
    currency                TEXT NOT NULL CHECK (length(currency) = 3),
    subtotal                INTEGER NOT NULL,
    discount                INTEGER NOT NULL,
    tax                     INTEGER NOT NULL,
    shipping                INTEGER NOT NULL,
    total                   INTEGER NOT NULL,
    coupon_code             TEXT,
    applied_offers          TEXT NOT NULL DEFAULT '[]',
    purchase_order_number   TEXT,
    requested_delivery_date TEXT, -- YYYY-MM-DD
    payment_terms           TEXT,
    notes                   TEXT NOT NULL DEFAULT '',
    ship_name               TEXT NOT NULL,
    ship_line1              TEXT NOT NULL,
    ship_line2              TEXT NOT NULL DEFAULT '',
    ship_city               TEXT NOT NULL,
    ship_postal_code        TEXT NOT NULL,
    ship_country            TEXT NOT NULL,
    ship_phone              TEXT NOT NULL DEFAULT '',
    lines_hash              TEXT NOT NULL,
    placed_by_staff_id      TEXT REFERENCES staff_users (id),
    placed_at               DATETIME NOT NULL,
    updated_at              DATETIME NOT NULL,
    version                 INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX orders_reference_key ON orders (reference);
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC, id DESC);
CREATE INDEX orders_queue_idx ON orders (status, priority, placed_at);
CREATE INDEX orders_duplicate_idx ON orders (customer_id, lines_hash, placed_at);

CREATE TABLE order_lines (
    id              TEXT PRIMARY KEY,
    order_id        TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no         INTEGER NOT NULL,
    product_id      TEXT NOT NULL REFERENCES products (id),
    sku             TEXT NOT NULL,
    name            TEXT NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    unit_price      INTEGER NOT NULL,
    list_unit_price INTEGER NOT NULL,
    discount        INTEGER NOT NULL,
    tax_rate_bp     INTEGER NOT NULL,
    tax             INTEGER NOT NULL,
    total           INTEGER NOT NULL,
    explanation     TEXT NOT NULL DEFAULT '[]',
    shipped_qty     INTEGER NOT NULL DEFAULT 0 CHECK (shipped_qty >= 0 AND shipped_qty <= quantity),
    returned_qty    INTEGER NOT NULL DEFAULT 0 CHECK (returned_qty >= 0 AND returned_qty <= shipped_qty)
);
CREATE UNIQUE INDEX order_lines_order_line_key ON order_lines (order_id, line_no);
CREATE INDEX order_lines_product_idx ON order_lines (product_id);

-- Every status change: the order's timeline (and the tracking page's source).
CREATE TABLE order_events (
    id          TEXT PRIMARY KEY,
    order_id    TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('customer', 'staff', 'system')),
    actor_id    TEXT,
    note        TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL
);
CREATE INDEX order_events_order_idx ON order_events (order_id, created_at);

-- +goose Down
DROP TABLE order_events;
DROP TABLE order_lines;
DROP TABLE orders;
DROP TABLE cart_items;
