-- +goose Up
-- Customer groups: price lists and catalogs are given to groups (e.g. "Trade", "Schools").
CREATE TABLE customer_groups (
    id          uuid PRIMARY KEY,
    code        text NOT NULL,
    name        text NOT NULL,
    description text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX customer_groups_code_key ON customer_groups (code);

CREATE TABLE customer_group_members (
    group_id    uuid NOT NULL REFERENCES customer_groups (id) ON DELETE CASCADE,
    customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (group_id, customer_id)
);
CREATE INDEX customer_group_members_customer_idx ON customer_group_members (customer_id);

-- Catalogs: named selections of products for an audience (and optionally some groups) with a
-- validity window; a catalog may carry its own price per product.
CREATE TABLE catalogs (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    slug        text NOT NULL,
    description text NOT NULL DEFAULT '',
    audience    text NOT NULL CHECK (audience IN ('b2c', 'b2b', 'both')),
    valid_from  timestamptz,
    valid_to    timestamptz,
    active      boolean NOT NULL DEFAULT true,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX catalogs_slug_key ON catalogs (slug);

CREATE TABLE catalog_groups (
    catalog_id uuid NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
    group_id   uuid NOT NULL REFERENCES customer_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (catalog_id, group_id)
);

CREATE TABLE catalog_products (
    catalog_id   uuid NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
    product_id   uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position     integer NOT NULL DEFAULT 0,
    price_amount bigint CHECK (price_amount >= 0),
    PRIMARY KEY (catalog_id, product_id)
);
CREATE INDEX catalog_products_product_idx ON catalog_products (product_id);

-- +goose Down
DROP TABLE catalog_products;
DROP TABLE catalog_groups;
DROP TABLE catalogs;
DROP TABLE customer_group_members;
DROP TABLE customer_groups;
