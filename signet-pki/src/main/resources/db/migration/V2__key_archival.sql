-- Key archival: the recovery agent's certificate, and encryption keys sealed to it (CMS, S/MIME).
CREATE TABLE recovery_agent (
  id INT PRIMARY KEY CHECK (id = 1),
  certificate BYTEA NOT NULL,
  set_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE archived_key (
  serial VARCHAR(40) PRIMARY KEY REFERENCES issued_certificate (serial),
  email VARCHAR(320) NOT NULL,
  archived_at TIMESTAMP WITH TIME ZONE NOT NULL,
  sealed BYTEA NOT NULL
);
CREATE INDEX archived_key_email ON archived_key (email);
