-- +goose Up
-- Categories form a tree; products belong to one category.
CREATE TABLE categories (
    id         uuid PRIMARY KEY,
    parent_id  uuid REFERENCES categories (id),
    slug       text NOT NULL,
    name       text NOT NULL,
    position   integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX categories_slug_key ON categories (slug);

-- Products. Money is integer minor units plus an ISO currency; stock is on hand and reserved
-- (available = on hand − reserved); staff edits use optimistic locking on version.
CREATE TABLE products (
    id             uuid PRIMARY KEY,
    sku            text NOT NULL,
    slug           text NOT NULL,
    name           text NOT NULL,
    description    text NOT NULL DEFAULT '',
    category_id    uuid REFERENCES categories (id),
    status         text NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
    audience       text NOT NULL CHECK (audience IN ('b2c', 'b2b', 'both')),
    price_amount   bigint NOT NULL CHECK (price_amount >= 0),
    currency       text NOT NULL CHECK (length(currency) = 3),
    tax_class      text NOT NULL DEFAULT 'standard',
    stock_on_hand  integer NOT NULL DEFAULT 0 CHECK (stock_on_hand >= 0),
    stock_reserved integer NOT NULL DEFAULT 0 CHECK (stock_reserved >= 0 AND stock_reserved <= stock_on_hand),
    min_order_qty  integer NOT NULL DEFAULT 1 CHECK (min_order_qty >= 1),
    order_multiple integer NOT NULL DEFAULT 1 CHECK (order_multiple >= 1),
    weight_grams   integer,
    length_mm      integer,
    width_mm       integer,
    height_mm      integer,
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    search         tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', translate(sku, '-_./', '    ')), 'A') ||
        setweight(to_tsvector('english', name), 'A') ||
        setweight(to_tsvector('english', description), 'B')) STORED
);
CREATE UNIQUE INDEX products_sku_key ON products (sku);
CREATE UNIQUE INDEX products_slug_key ON products (slug);
CREATE INDEX products_browse_idx ON products (status, audience, id);
CREATE INDEX products_category_idx ON products (category_id, id);
CREATE INDEX products_price_idx ON products (price_amount, id);
CREATE INDEX products_search_idx ON products USING gin (search);

-- Specifications: ordered, grouped name/value/unit rows ("Electrical / Voltage / 230 / V").
CREATE TABLE product_specs (
    id          uuid PRIMARY KEY,
    product_id  uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    spec_group  text NOT NULL DEFAULT '',
    name        text NOT NULL,
    value       text NOT NULL,
    unit        text NOT NULL DEFAULT '',
    position    integer NOT NULL DEFAULT 0
);
CREATE INDEX product_specs_product_idx ON product_specs (product_id, position);

-- Every stock change with its reason, for the record.
CREATE TABLE stock_movements (
    id         uuid PRIMARY KEY,
    product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    delta      integer NOT NULL,
    reason     text NOT NULL,
    actor_id   uuid,
    created_at timestamptz NOT NULL
);
CREATE INDEX stock_movements_product_idx ON stock_movements (product_id, id);

-- +goose Down
DROP TABLE stock_movements;
DROP TABLE product_specs;
DROP TABLE products;
DROP TABLE categories;
