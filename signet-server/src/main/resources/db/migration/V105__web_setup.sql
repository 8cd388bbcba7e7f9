-- Single-use links that set up a new organisation's first administrator: only the token's SHA-256 is
-- kept; the domain is the one the administrator's address must be in.
CREATE TABLE web_setup_token (
  token_hash VARCHAR(64) PRIMARY KEY,
  domain VARCHAR(253) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  used_at TIMESTAMP WITH TIME ZONE
);

-- Whether digital IDs got on the web are non-exportable unless the person chooses otherwise; no row means yes.
CREATE TABLE web_key_export (
  id INT PRIMARY KEY CHECK (id = 1),
  non_exportable BOOLEAN NOT NULL,
  changed_by VARCHAR(320) NOT NULL,
  changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
