-- +goose Up
-- Nothing on SQLite: oms_refuse (see the PostgreSQL migration) serves writes that are one
-- statement, which SQLite, in process, does not need.
SELECT 1;

-- +goose Down
SELECT 1;
