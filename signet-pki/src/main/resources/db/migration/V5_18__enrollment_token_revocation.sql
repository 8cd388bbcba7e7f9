-- An administrator may revoke an enrollment token before it is used up or expires.
ALTER TABLE enrollment_token ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
