-- The organisation's yes-or-no settings that administrators change on the Policy page, one row each,
-- named by the audit log's action; no row means the setting's built-in default.
CREATE TABLE web_switch (
  name VARCHAR(40) PRIMARY KEY,
  is_on BOOLEAN NOT NULL,
  changed_by VARCHAR(320) NOT NULL,
  changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO web_switch (name, is_on, changed_by, changed_at)
  SELECT 'auto-enrollment', allowed, changed_by, changed_at FROM web_auto_enrollment;
INSERT INTO web_switch (name, is_on, changed_by, changed_at)
  SELECT 'key-export', non_exportable, changed_by, changed_at FROM web_key_export;
DROP TABLE web_auto_enrollment;
DROP TABLE web_key_export;
