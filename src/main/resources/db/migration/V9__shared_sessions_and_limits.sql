-- Several nodes (SPEC Part 2): a console session, the login throttle and the submission limit hold
-- on every node behind a load balancer, so they live in the database, not in one process's memory.

-- A console session. The cookie holds a random token; only its SHA-256 is kept here, so a copy of
-- the database signs nobody in. No foreign key to app_user: a session of a deleted user answers
-- "session ended" at its next use, and the purge removes it (user_id tells a new user of the same
-- name from the deleted one).
CREATE TABLE console_session (
  token_hash    VARCHAR(64)  NOT NULL PRIMARY KEY,
  user_id       VARCHAR(32)  NOT NULL,
  username      VARCHAR(40)  NOT NULL,
  epoch         BIGINT       NOT NULL,
  created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  last_used_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  expires_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX console_session_expires ON console_session (expires_at);
CREATE INDEX console_session_user ON console_session (user_id);

-- One row per failed login and subject ("u:" and the SHA-256 of the username as typed, lower case;
-- "a:" and the client address), kept 15 minutes.
CREATE TABLE login_failure (
  subject    VARCHAR(120) NOT NULL,
  failed_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX login_failure_subject ON login_failure (subject, failed_at);
CREATE INDEX login_failure_at ON login_failure (failed_at);

-- The submission limit: one row per key (client address and queue) and its current one-minute
-- window, counted by one upsert per submission.
CREATE TABLE rate_window (
  counter_key  VARCHAR(200) NOT NULL PRIMARY KEY,
  ends_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  hits         INTEGER      NOT NULL
);
CREATE INDEX rate_window_ends ON rate_window (ends_at);
