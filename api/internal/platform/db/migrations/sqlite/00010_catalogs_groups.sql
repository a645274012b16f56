-- +goose Up
-- Customer groups: price lists and catalogs are given to groups (e.g. "Trade", "Schools").
CREATE TABLE customer_groups (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL
);
CREATE UNIQUE INDEX customer_groups_code_key ON customer_groups (code);

CREATE TABLE customer_group_members (
    group_id    TEXT NOT NULL REFERENCES customer_groups (id) ON DELETE CASCADE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    created_at  DATETIME NOT NULL,
    PRIMARY KEY (group_id, customer_id)
);
CREATE INDEX customer_group_members_customer_idx ON customer_group_members (customer_id);

-- Catalogs: named selections of products for an audience (and optionally some groups) with a
-- validity window; a catalog may carry its own price per product.
CREATE TABLE catalogs (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    slug        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    audience    TEXT NOT NULL CHECK (audience IN ('b2c', 'b2b', 'both')),
    valid_from  DATETIME,
    valid_to    DATETIME,
    active      INTEGER NOT NULL DEFAULT 1,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX catalogs_slug_key ON catalogs (slug);

CREATE TABLE catalog_groups (
    catalog_id TEXT NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
    group_id   TEXT NOT NULL REFERENCES customer_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (catalog_id, group_id)
);

CREATE TABLE catalog_products (
    catalog_id   TEXT NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
    product_id   TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL DEFAULT 0,
    price_amount INTEGER CHECK (price_amount >= 0),
    PRIMARY KEY (catalog_id, product_id)
);
CREATE INDEX catalog_products_product_idx ON catalog_products (product_id);

-- +goose Down
DROP TABLE catalog_products;
DROP TABLE catalog_groups;
DROP TABLE catalogs;
DROP TABLE customer_group_members;
DROP TABLE customer_groups;
