-- +goose Up
-- Nothing on SQLite: its FTS table is already kept in step by triggers that fire only when the
-- SKU, name or description change (see the PostgreSQL migration).
SELECT 1;

-- +goose Down
SELECT 1;
