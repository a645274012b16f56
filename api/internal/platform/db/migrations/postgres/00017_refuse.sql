-- +goose Up
-- oms_refuse ends the statement that calls it with an error the application recognises (SQLSTATE
-- OMS01, the message naming the refusal, the detail its subject). A write that is one statement
-- outside a transaction (an order: see ordering/place_pg.go) refuses with it, so nothing of
-- it commits, instead of returning a refusal for the application to roll back.
-- +goose StatementBegin
CREATE FUNCTION oms_refuse(kind text, subject text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'OMS01', MESSAGE = kind, DETAIL = subject;
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION oms_refuse(text, text);
