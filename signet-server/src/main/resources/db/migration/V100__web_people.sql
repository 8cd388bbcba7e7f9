-- The web UI's accounts and sessions (numbers from 100: signet-pki's migrations stay below).
CREATE TABLE web_person (
  email VARCHAR(320) PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  role VARCHAR(10) NOT NULL CHECK (role IN ('person', 'admin')),
  password_hash VARCHAR(200) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Only the SHA-256 of a session's cookie is kept; its CSRF token travels in every form.
CREATE TABLE web_session (
  token_hash VARCHAR(64) PRIMARY KEY,
  email VARCHAR(320) NOT NULL REFERENCES web_person (email) ON DELETE CASCADE,
  csrf VARCHAR(64) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The organisation's policy as set by an administrator in the web console (POLICY.md names and values).
CREATE TABLE web_policy (
  name VARCHAR(40) PRIMARY KEY,
  setting_value VARCHAR(4000) NOT NULL
);

-- Kinds of signature problem a person chose not to be warned about again (WarnAboutInvalid = 0).
CREATE TABLE web_quiet_problem (
  email VARCHAR(320) NOT NULL REFERENCES web_person (email) ON DELETE CASCADE,
  code VARCHAR(40) NOT NULL,
  PRIMARY KEY (email, code)
);
