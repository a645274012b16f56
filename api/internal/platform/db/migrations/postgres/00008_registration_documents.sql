-- +goose Up
-- Documents a business applicant uploads (PDF, JPEG, PNG); the files live in the file store,
-- outside the web root.
CREATE TABLE registration_documents (
    id             uuid PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES registration_applications (id) ON DELETE CASCADE,
    filename       text NOT NULL,
    content_type   text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size_bytes     bigint NOT NULL,
    sha256         text NOT NULL,
    storage_key    text NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX registration_documents_application_idx ON registration_documents (application_id, id);

-- +goose Down
DROP TABLE registration_documents;
