-- +goose Up
-- Documents a business applicant uploads (PDF, JPEG, PNG); the files live in the file store,
-- outside the web root.
CREATE TABLE registration_documents (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES registration_applications (id) ON DELETE CASCADE,
    filename       TEXT NOT NULL,
    content_type   TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size_bytes     INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    storage_key    TEXT NOT NULL,
    created_at     DATETIME NOT NULL
);
CREATE INDEX registration_documents_application_idx ON registration_documents (application_id, id);

-- +goose Down
DROP TABLE registration_documents;
