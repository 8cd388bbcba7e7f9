-- When each session was last used (to the minute), so one left idle ends before its absolute lifetime.
-- Sessions open before this migration count as idle since they began: the safe side.
ALTER TABLE web_session ADD COLUMN last_seen_at TIMESTAMP WITH TIME ZONE;
UPDATE web_session SET last_seen_at = created_at;
ALTER TABLE web_session ALTER COLUMN last_seen_at SET NOT NULL;
