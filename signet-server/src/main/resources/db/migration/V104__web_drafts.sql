-- Drafts kept by the web UI, each sealed (CMS AuthEnvelopedData) to its author's own encryption
-- certificate: fields, switches and attachments live only inside the sealed bytes.
CREATE TABLE web_draft (
  id BIGINT PRIMARY KEY,
  owner VARCHAR(320) NOT NULL REFERENCES web_person (email) ON DELETE CASCADE,
  saved_at TIMESTAMP WITH TIME ZONE NOT NULL,
  sealed BYTEA NOT NULL
);
CREATE INDEX web_draft_owner ON web_draft (owner);
