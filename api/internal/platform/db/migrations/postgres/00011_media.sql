-- +goose Up
-- Product media: images (with thumbnails), uploaded videos (with a poster), YouTube/Vimeo links
-- (provider + id only; the server builds the embed URL) and datasheet PDFs. Files live in the
-- media store under random keys. The cascade removes rows, not files: code that deletes a
-- product must delete its media through catalog.MediaService first.
CREATE TABLE product_media (
    id               uuid PRIMARY KEY,
    product_id       uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    kind             text NOT NULL CHECK (kind IN ('image', 'video', 'youtube', 'vimeo', 'datasheet')),
    position         integer NOT NULL DEFAULT 0,
    storage_key      text NOT NULL DEFAULT '',
    content_type     text NOT NULL DEFAULT '',
    bytes            bigint NOT NULL DEFAULT 0 CHECK (bytes >= 0),
    width            integer NOT NULL DEFAULT 0,
    height           integer NOT NULL DEFAULT 0,
    thumb_small_key  text NOT NULL DEFAULT '',
    thumb_medium_key text NOT NULL DEFAULT '',
    thumb_large_key  text NOT NULL DEFAULT '',
    poster_key       text NOT NULL DEFAULT '',
    external_id      text NOT NULL DEFAULT '',
    alt              text NOT NULL DEFAULT '',
    title            text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX product_media_product_idx ON product_media (product_id, position, id);

-- +goose Down
DROP TABLE product_media;
