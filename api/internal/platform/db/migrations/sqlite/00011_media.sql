-- +goose Up
-- Product media: images (with thumbnails), uploaded videos (with a poster), YouTube/Vimeo links
-- (provider + id only; the server builds the embed URL) and datasheet PDFs. Files live in the
-- media store under random keys. The cascade removes rows, not files: code that deletes a
-- product must delete its media through catalog.MediaService first.
CREATE TABLE product_media (
    id               TEXT PRIMARY KEY,
    product_id       TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('image', 'video', 'youtube', 'vimeo', 'datasheet')),
    position         INTEGER NOT NULL DEFAULT 0,
    storage_key      TEXT NOT NULL DEFAULT '',
    content_type     TEXT NOT NULL DEFAULT '',
    bytes            INTEGER NOT NULL DEFAULT 0 CHECK (bytes >= 0),
    width            INTEGER NOT NULL DEFAULT 0,
    height           INTEGER NOT NULL DEFAULT 0,
    thumb_small_key  TEXT NOT NULL DEFAULT '',
    thumb_medium_key TEXT NOT NULL DEFAULT '',
    thumb_large_key  TEXT NOT NULL DEFAULT '',
    poster_key       TEXT NOT NULL DEFAULT '',
    external_id      TEXT NOT NULL DEFAULT '',
    alt              TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL DEFAULT '',
    created_at       DATETIME NOT NULL,
    updated_at       DATETIME NOT NULL
);
CREATE INDEX product_media_product_idx ON product_media (product_id, position, id);

-- +goose Down
DROP TABLE product_media;
