-- Whether a signed-in person may get a digital ID without a token (auto-enrollment); no row means off.
CREATE TABLE web_auto_enrollment (
  id INT PRIMARY KEY CHECK (id = 1),
  allowed BOOLEAN NOT NULL,
  changed_by VARCHAR(320) NOT NULL,
  changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
