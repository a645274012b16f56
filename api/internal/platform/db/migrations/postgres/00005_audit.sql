-- +goose Up
-- Who did what, when, from where: every staff action and every login attempt.
CREATE TABLE audit_log (
    id          uuid PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor_kind  text NOT NULL CHECK (actor_kind IN ('staff', 'customer', 'anonymous', 'system')),
    actor_id    uuid,
    actor_label text NOT NULL DEFAULT '',
    ip          text NOT NULL DEFAULT '',
    request_id  text NOT NULL DEFAULT '',
    action      text NOT NULL,
    entity_type text NOT NULL DEFAULT '',
    entity_id   text NOT NULL DEFAULT '',
    before      text,
    after       text
);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_kind, actor_id, id);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, id);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);

-- +goose Down
DROP TABLE audit_log;
