-- +goose Up
-- Who did what, when, from where: every staff action and every login attempt.
CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    at          DATETIME NOT NULL,
    actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('staff', 'customer', 'anonymous', 'system')),
    actor_id    TEXT,
    actor_label TEXT NOT NULL DEFAULT '',
    ip          TEXT NOT NULL DEFAULT '',
    request_id  TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL DEFAULT '',
    entity_id   TEXT NOT NULL DEFAULT '',
    before      TEXT,
    after       TEXT
);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_kind, actor_id, id);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, id);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);

-- +goose Down
DROP TABLE audit_log;
