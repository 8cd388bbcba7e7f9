-- Folders and flags in the web UI's own mailboxes, as IMAP keeps them: every message is in one folder
-- (the standard ones are not listed here: everyone has them), and may be seen and flagged.
ALTER TABLE web_message ADD COLUMN folder VARCHAR(200) DEFAULT 'INBOX' NOT NULL;
ALTER TABLE web_message ADD COLUMN seen BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE web_message ADD COLUMN flagged BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX web_message_folder ON web_message (mailbox, folder, id);

-- The folders a person made.
CREATE TABLE web_folder (
  mailbox VARCHAR(320) NOT NULL,
  name VARCHAR(200) NOT NULL,
  PRIMARY KEY (mailbox, name)
);
