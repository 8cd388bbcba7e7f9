-- How a sent message was protected, in the words the confirmation after sending shows.
ALTER TABLE web_sent ADD COLUMN protection VARCHAR(400) DEFAULT '' NOT NULL;
