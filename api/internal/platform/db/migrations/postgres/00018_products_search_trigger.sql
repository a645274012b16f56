-- +goose Up
-- products.search was a stored generated column, which PostgreSQL recomputes on every UPDATE of
-- the row, whatever the UPDATE sets: each stock reservation, release and adjustment ran English
-- stemming over the product's description again. A trigger now computes it on insert and when an
-- UPDATE sets the SKU, name or description, as SQLite's FTS triggers already did.
-- +goose StatementBegin
CREATE FUNCTION products_search_vector(sku text, name text, description text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple', translate(sku, '-_./', '    ')), 'A') ||
           setweight(to_tsvector('english', name), 'A') ||
           setweight(to_tsvector('english', description), 'B')
$$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION products_search_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := products_search_vector(NEW.sku, NEW.name, NEW.description);
    RETURN NEW;
END
$$;
-- +goose StatementEnd
ALTER TABLE products ALTER COLUMN search DROP EXPRESSION;
CREATE TRIGGER products_search_insert BEFORE INSERT ON products
    FOR EACH ROW EXECUTE FUNCTION products_search_fill();
CREATE TRIGGER products_search_update BEFORE UPDATE OF sku, name, description ON products
    FOR EACH ROW EXECUTE FUNCTION products_search_fill();

-- +goose Down
DROP TRIGGER products_search_update ON products;
DROP TRIGGER products_search_insert ON products;
DROP FUNCTION products_search_fill();
DROP FUNCTION products_search_vector(text, text, text);
ALTER TABLE products DROP COLUMN search;
ALTER TABLE products ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', translate(sku, '-_./', '    ')), 'A') ||
    setweight(to_tsvector('english', name), 'A') ||
    setweight(to_tsvector('english', description), 'B')) STORED;
CREATE INDEX products_search_idx ON products USING gin (search);
