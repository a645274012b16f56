-- +goose Up
-- Tax rates by tax class (products name their class). Rates are basis points of the net price:
-- 2000 = 20 %. The classes start at 0 until an admin sets them.
CREATE TABLE tax_rates (
    tax_class  text PRIMARY KEY,
    name       text NOT NULL,
    rate_bp    integer NOT NULL CHECK (rate_bp >= 0 AND rate_bp <= 100000),
    updated_at timestamptz NOT NULL
);
INSERT INTO tax_rates (tax_class, name, rate_bp, updated_at) VALUES
    ('standard', 'Standard rate', 0, now()),
    ('reduced', 'Reduced rate', 0, now()),
    ('zero', 'Zero rate', 0, now());

-- Price lists: for one customer group, or for one customer (contract prices) — never both.
CREATE TABLE price_lists (
    id                uuid PRIMARY KEY,
    name              text NOT NULL,
    code              text NOT NULL,
    customer_group_id uuid REFERENCES customer_groups (id),
    customer_id       uuid REFERENCES customers (id),
    currency          text NOT NULL CHECK (length(currency) = 3),
    valid_from        timestamptz,
    valid_to          timestamptz,
    active            boolean NOT NULL DEFAULT true,
    version           integer NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CHECK ((customer_group_id IS NULL) <> (customer_id IS NULL)),
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX price_lists_code_key ON price_lists (code);
CREATE INDEX price_lists_group_idx ON price_lists (customer_group_id);
CREATE INDEX price_lists_customer_idx ON price_lists (customer_id);

-- Quantity tiers are rows: (1, 1200), (10, 1080), (50, 990) = 1–9 at 12.00, 10–49 at 10.80, 50+ at 9.90.
CREATE TABLE price_list_items (
    id            uuid PRIMARY KEY,
    price_list_id uuid NOT NULL REFERENCES price_lists (id) ON DELETE CASCADE,
    product_id    uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    min_qty       integer NOT NULL CHECK (min_qty >= 1),
    amount        bigint NOT NULL CHECK (amount >= 0)
);
CREATE UNIQUE INDEX price_list_items_tier_key ON price_list_items (price_list_id, product_id, min_qty);
CREATE INDEX price_list_items_product_idx ON price_list_items (product_id);

-- Offers: percent (value in basis points) or fixed (value in minor units of currency) discounts
-- on a product, a category or the whole order; a code makes an offer a coupon.
CREATE TABLE offers (
    id                    uuid PRIMARY KEY,
    name                  text NOT NULL,
    code                  text,
    kind                  text NOT NULL CHECK (kind IN ('percent', 'fixed')),
    value                 bigint NOT NULL CHECK (value > 0),
    currency              text CHECK (currency IS NULL OR length(currency) = 3),
    scope                 text NOT NULL CHECK (scope IN ('product', 'category', 'order')),
    product_id            uuid REFERENCES products (id),
    category_id           uuid REFERENCES categories (id),
    audience              text NOT NULL CHECK (audience IN ('b2c', 'b2b', 'both')),
    customer_group_id     uuid REFERENCES customer_groups (id),
    valid_from            timestamptz,
    valid_to              timestamptz,
    min_order_amount      bigint NOT NULL DEFAULT 0 CHECK (min_order_amount >= 0),
    min_quantity          integer NOT NULL DEFAULT 0 CHECK (min_quantity >= 0),
    max_uses              integer CHECK (max_uses IS NULL OR max_uses >= 1),
    max_uses_per_customer integer CHECK (max_uses_per_customer IS NULL OR max_uses_per_customer >= 1),
    stackable             boolean NOT NULL DEFAULT false,
    active                boolean NOT NULL DEFAULT true,
    version               integer NOT NULL DEFAULT 1,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
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
    id              uuid PRIMARY KEY,
    offer_id        uuid NOT NULL REFERENCES offers (id),
    customer_id     uuid NOT NULL REFERENCES customers (id),
    order_reference text NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX offer_redemptions_offer_idx ON offer_redemptions (offer_id, customer_id);
CREATE UNIQUE INDEX offer_redemptions_order_key ON offer_redemptions (offer_id, order_reference);

-- +goose Down
DROP TABLE offer_redemptions;
DROP TABLE offers;
DROP TABLE price_list_items;
DROP TABLE price_lists;
DROP TABLE tax_rates;
