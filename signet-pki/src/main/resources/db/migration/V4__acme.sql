-- ACME (RFC 8555) for S/MIME (RFC 8823): nonces, accounts, and orders of one mailbox each, whose
-- authorization and email-reply-00 challenge are kept in the order's row.
CREATE TABLE acme_nonce (
  nonce VARCHAR(64) PRIMARY KEY,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE acme_account (
  id VARCHAR(40) PRIMARY KEY,
  thumbprint VARCHAR(64) NOT NULL UNIQUE,
  jwk VARCHAR(4000) NOT NULL,
  contact VARCHAR(1000) NOT NULL,
  status VARCHAR(20) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE acme_order (
  id VARCHAR(40) PRIMARY KEY,
  account_id VARCHAR(40) NOT NULL REFERENCES acme_account (id),
  email VARCHAR(320) NOT NULL,
  status VARCHAR(20) NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  token_part1 VARCHAR(64) NOT NULL,
  token_part2 VARCHAR(64) NOT NULL,
  authorization_status VARCHAR(20) NOT NULL,
  certificate_serial VARCHAR(40) REFERENCES issued_certificate (serial),
  error VARCHAR(1000)
);
CREATE INDEX acme_order_account ON acme_order (account_id);
