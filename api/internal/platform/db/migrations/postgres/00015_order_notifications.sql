-- +goose Up
-- Per-order override of the customer's order-update channels (NULL: follow the account).
ALTER TABLE orders ADD COLUMN notify_email boolean;
ALTER TABLE orders ADD COLUMN notify_sms boolean;

-- +goose Down
ALTER TABLE orders DROP COLUMN notify_sms;
ALTER TABLE orders DROP COLUMN notify_email;
