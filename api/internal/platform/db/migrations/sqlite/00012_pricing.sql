-- +goose Up
-- Tax rates by tax class (products name their class). Rates are basis points of the net price:
-- 2000 = 20 %. The classes start at 0 until an admin sets them.
CREATE TABLE tax_rates (
    tax_class  TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    rate_bp    INTEGER NOT NULL CHECK (rate_bp >= 0 AND rate_bp <= 100000),
    updated_at DATETIME NOT NULL
);
INSERT INTO tax_rates (tax_class, name, rate_bp, updated_at) VALUES
    ('standard', 'Standard rate', 0, strftime('%Y-%m-%d %H:%M:%S+00:00', 'now')),
    ('reduced', 'Reduced rate', 0, strftime('%Y-%m-%d %H:%M:%S+00:00', 'now')),
    ('zero', 'Zero rate', 0, strftime('%Y-%m-%d %H:%M:%S+00:00', 'now'));

-- Price lists: for one customer group, or for one customer (contract prices) — never both.
CREATE TABLE price_lists (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    code              TEXT NOT NULL,
    customer_group_id TEXT REFERENCES customer_groups (id),
    customer_id       TEXT REFERENCES customers (id),
    currency          TEXT NOT NULL CHECK (length(currency) = 3),
    valid_from        DATETIME,
    valid_to          DATETIME,
    active            INTEGER NOT NULL DEFAULT 1,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        DATETIME NOT NULL,
    updated_at        DATETIME NOT NULL,
    CHECK ((customer_group_id IS NULL) <> (customer_id IS NULL)),
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX price_lists_code_key ON price_lists (code);
CREATE INDEX price_lists_group_idx ON price_lists (customer_group_id);
CREATE INDEX price_lists_customer_idx ON price_lists (customer_id);

-- Quantity tiers are rows: (1, 1200), (10, 1080), (50, 990) = 1–9 at 12.00, 10–49 at 10.80, 50+ at 9.90.
CREATE TABLE price_list_items (
    id            TEXT PRIMARY KEY,
    price_list_id TEXT NOT NULL REFERENCES price_lists (id) ON DELETE CASCADE,
    product_id    TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    min_qty       INTEGER NOT NULL CHECK (min_qty >= 1),
    amount        INTEGER NOT NULL CHECK (amount >= 0)
);
CREATE UNIQUE INDEX price_list_items_tier_key ON price_list_items (price_list_id, product_id, min_qty);
CREATE INDEX price_list_items_product_idx ON price_list_items (product_id);

-- Offers: percent (value in basis points) or fixed (value in minor units of currency) discounts
-- on a product, a category or the whole order; a code makes an offer a coupon.
CREATE TABLE offers (
    id                    TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    code                  TEXT,
    kind                  TEXT NOT NULL CHECK (kind IN ('percent', 'fixed')),
    value                 INTEGER NOT NULL CHECK (value > 0),
    currency              TEXT CHECK (currency IS NULL OR length(currency) = 3),
    scope                 TEXT NOT NULL CHECK (scope IN ('product', 'category', 'order')),
    product_id            TEXT REFERENCES products (id),
    category_id           TEXT REFERENCES categories (id),
    audience              TEXT NOT NULL CHECK (audience IN ('b2c', 'b2b', 'both')),
    customer_group_id     TEXT REFERENCES customer_groups (id),
    valid_from            DATETIME,
    valid_to              DATETIME,
    min_order_amount      INTEGER NOT NULL DEFAULT 0 CHECK (min_order_amount >= 0),
    min_quantity          INTEGER NOT NULL DEFAULT 0 CHECK (min_quantity >= 0),
    max_uses              INTEGER CHECK (max_uses IS NULL OR max_uses >= 1),
    max_uses_per_customer INTEGER CHECK (max_uses_per_customer IS NULL OR max_uses_per_customer >= 1),
    stackable             INTEGER NOT NULL DEFAULT 0,
    active                INTEGER NOT NULL DEFAULT 1,
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            DATETIME NOT NULL,
    updated_at            DATETIME NOT NULL,
    CHECK (kind = 'fixed' OR (value <= 10000 AND currency IS NULL)),
    CHECK (kind = 'percent' OR currency IS NOT NULL),
    CHECK ((scope = 'product') = (product_id IS NOT NULL)),
    CHECK ((scope = 'category') = (category_id IS NOT NULL)),
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX offers_code_key ON offers (code);
CREATE INDEX offers_active_idx ON offers (active, scope);

-- One row per order that used an offer; usage limits count these.
CREATE TABLE offer_redemptions (
    id              TEXT PRIMARY KEY,
    offer_id        TEXT NOT NULL REFERENCES offers (id),
    customer_id     TEXT NOT NULL REFERENCES customers (id),
    order_reference TEXT NOT NULL,
    created_at      DATETIME NOT NULL
);
CREATE INDEX offer_redemptions_offer_idx ON offer_redemptions (offer_id, customer_id);
CREATE UNIQUE INDEX offer_redemptions_order_key ON offer_redemptions (offer_id, order_reference);

-- +goose Down
DROP TABLE offer_redemptions;
DROP TABLE offers;
DROP TABLE price_list_items;
DROP TABLE price_lists;
DROP TABLE tax_rates;
