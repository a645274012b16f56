-- +goose Up
-- Categories form a tree; products belong to one category.
CREATE TABLE categories (
    id         TEXT PRIMARY KEY,
    parent_id  TEXT REFERENCES categories (id),
    slug       TEXT NOT NULL,
    name       TEXT NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX categories_slug_key ON categories (slug);

-- Products. Money is INTEGER minor units plus an ISO currency; stock is on hand and reserved
-- (available = on hand − reserved); staff edits use optimistic locking on version.
CREATE TABLE products (
    id             TEXT PRIMARY KEY,
    sku            TEXT NOT NULL,
    slug           TEXT NOT NULL,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    category_id    TEXT REFERENCES categories (id),
    status         TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
    audience       TEXT NOT NULL CHECK (audience IN ('b2c', 'b2b', 'both')),
    price_amount   INTEGER NOT NULL CHECK (price_amount >= 0),
    currency       TEXT NOT NULL CHECK (length(currency) = 3),
    tax_class      TEXT NOT NULL DEFAULT 'standard',
    stock_on_hand  INTEGER NOT NULL DEFAULT 0 CHECK (stock_on_hand >= 0),
    stock_reserved INTEGER NOT NULL DEFAULT 0 CHECK (stock_reserved >= 0 AND stock_reserved <= stock_on_hand),
    min_order_qty  INTEGER NOT NULL DEFAULT 1 CHECK (min_order_qty >= 1),
    order_multiple INTEGER NOT NULL DEFAULT 1 CHECK (order_multiple >= 1),
    weight_grams   INTEGER,
    length_mm      INTEGER,
    width_mm       INTEGER,
    height_mm      INTEGER,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE UNIQUE INDEX products_sku_key ON products (sku);
CREATE UNIQUE INDEX products_slug_key ON products (slug);
CREATE INDEX products_browse_idx ON products (status, audience, id);
CREATE INDEX products_category_idx ON products (category_id, id);
CREATE INDEX products_price_idx ON products (price_amount, id);
-- Full-text search: an FTS5 table keyed by product id (its own copy of the text, so a VACUUM that
-- renumbers rowids cannot break it), kept in step by triggers.
CREATE VIRTUAL TABLE products_fts USING fts5(product_id UNINDEXED, sku, name, description, tokenize='porter unicode61');
-- +goose StatementBegin
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
    INSERT INTO products_fts (product_id, sku, name, description) VALUES (new.id, new.sku, new.name, new.description);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
    DELETE FROM products_fts WHERE product_id = old.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER products_fts_update AFTER UPDATE OF sku, name, description ON products BEGIN
    UPDATE products_fts SET sku = new.sku, name = new.name, description = new.description WHERE product_id = old.id;
END;
-- +goose StatementEnd

-- Specifications: ordered, grouped name/value/unit rows ("Electrical / Voltage / 230 / V").
CREATE TABLE product_specs (
    id          TEXT PRIMARY KEY,
    product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    spec_group  TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    unit        TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX product_specs_product_idx ON product_specs (product_id, position);

-- Every stock change with its reason, for the record.
CREATE TABLE stock_movements (
    id         TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    actor_id   TEXT,
    created_at DATETIME NOT NULL
);
CREATE INDEX stock_movements_product_idx ON stock_movements (product_id, id);

-- +goose Down
DROP TABLE products_fts;
DROP TABLE stock_movements;
DROP TABLE product_specs;
DROP TABLE products;
DROP TABLE categories;
