-- Settings an administrator may change after init (CaSettings); existing CAs keep what they had.
ALTER TABLE ca_config ADD COLUMN generation VARCHAR(20) DEFAULT 'STRICT' NOT NULL;
ALTER TABLE ca_config ADD COLUMN crl_lifetime_seconds BIGINT DEFAULT 86400 NOT NULL;
ALTER TABLE ca_config ADD COLUMN ocsp_lifetime_seconds BIGINT DEFAULT 3600 NOT NULL;
ALTER TABLE ca_config ADD COLUMN ocsp_signer VARCHAR(20) DEFAULT 'ISSUING_CA' NOT NULL;
