-- Personal API tokens (SPEC Part 2, Accounts): a script sends "Authorization: Bearer cdt_..." instead
-- of a password. Only the SHA-256 of a token is kept (token_hash), so a copy of the database signs
-- nobody in; the token itself is shown once, when it is made. The tokens go with their user: the
-- foreign key deletes them with the app_user row, and Users deletes them when the user is disabled
-- or given a new password (SPEC rule 10).
CREATE TABLE api_token (
  id            VARCHAR(32)  NOT NULL PRIMARY KEY,
  token_hash    VARCHAR(64)  NOT NULL,
  user_id       VARCHAR(32)  NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  username      VARCHAR(40)  NOT NULL,
  name          VARCHAR(100) NOT NULL,
  created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  expires_at    TIMESTAMP(6) WITH TIME ZONE,
  last_used_at  TIMESTAMP(6) WITH TIME ZONE,
  CONSTRAINT api_token_hash UNIQUE (token_hash)
);
CREATE INDEX api_token_user ON api_token (user_id, created_at);
