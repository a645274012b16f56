-- +goose Up
-- Carts live on the server, one per customer, so they follow the customer across devices.
CREATE TABLE cart_items (
    customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    product_id  uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    quantity    integer NOT NULL CHECK (quantity > 0),
    added_at    timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (customer_id, product_id)
);

-- Orders: a snapshot of what was bought at which price; money in minor units.
CREATE TABLE orders (
    id                      uuid PRIMARY KEY,
    reference               text NOT NULL,
    customer_id             uuid NOT NULL REFERENCES customers (id),
    status                  text NOT NULL CHECK (status IN ('placed', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'returned')),
    priority                text NOT NULL CHECK (priority IN ('standard', 'express', 'urgent')),
    channel                 text NOT NULL CHECK (channel IN ('web', 'api', 'phone', 'email', 'fax', 'staff')),
    currency                text NOT NULL CHECK (length(currency) = 3),
    subtotal                bigint NOT NULL,
    discount                bigint NOT NULL,
    tax                     bigint NOT NULL,
    shipping                bigint NOT NULL,
    total                   bigint NOT NULL,
    coupon_code             text,
    applied_offers          text NOT NULL DEFAULT '[]',
    purchase_order_number   text,
    requested_delivery_date text, -- YYYY-MM-DD
    payment_terms           text,
    notes                   text NOT NULL DEFAULT '',
    ship_name               text NOT NULL,
    ship_line1              text NOT NULL,
    ship_line2              text NOT NULL DEFAULT '',
    ship_city               text NOT NULL,
    ship_postal_code        text NOT NULL,
    ship_country            text NOT NULL,
    ship_phone              text NOT NULL DEFAULT '',
    lines_hash              text NOT NULL,
    placed_by_staff_id      uuid REFERENCES staff_users (id),
    placed_at               timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    version                 integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX orders_reference_key ON orders (reference);
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC, id DESC);
CREATE INDEX orders_queue_idx ON orders (status, priority, placed_at);
CREATE INDEX orders_duplicate_idx ON orders (customer_id, lines_hash, placed_at);

CREATE TABLE order_lines (
    id              uuid PRIMARY KEY,
    order_id        uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no         integer NOT NULL,
    product_id      uuid NOT NULL REFERENCES products (id),
    sku             text NOT NULL,
    name            text NOT NULL,
    quantity        integer NOT NULL CHECK (quantity > 0),
    unit_price      bigint NOT NULL,
    list_unit_price bigint NOT NULL,
    discount        bigint NOT NULL,
    tax_rate_bp     bigint NOT NULL,
    tax             bigint NOT NULL,
    total           bigint NOT NULL,
    explanation     text NOT NULL DEFAULT '[]',
    shipped_qty     integer NOT NULL DEFAULT 0 CHECK (shipped_qty >= 0 AND shipped_qty <= quantity),
    returned_qty    integer NOT NULL DEFAULT 0 CHECK (returned_qty >= 0 AND returned_qty <= shipped_qty)
);
CREATE UNIQUE INDEX order_lines_order_line_key ON order_lines (order_id, line_no);
CREATE INDEX order_lines_product_idx ON order_lines (product_id);

-- Every status change: the order's timeline (and the tracking page's source).
CREATE TABLE order_events (
    id          uuid PRIMARY KEY,
    order_id    uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    from_status text,
    to_status   text NOT NULL,
    actor_kind  text NOT NULL CHECK (actor_kind IN ('customer', 'staff', 'system')),
    actor_id    uuid,
    note        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL
);
CREATE INDEX order_events_order_idx ON order_events (order_id, created_at);

-- +goose Down
DROP TABLE order_events;
DROP TABLE order_lines;
DROP TABLE orders;
DROP TABLE cart_items;
