-- Accounts have a life cycle (SPEC rule 10): an admin disables, re-enables and deletes users.
-- session_epoch grows with every password change or disabling; a console session, a Basic
-- credential remembered in memory or a live stream that was opened under an older epoch ends.
ALTER TABLE app_user ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE app_user ADD COLUMN last_login_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE app_user ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;

-- A comment keeps its author's display name, so it still reads right once the user is deleted.
ALTER TABLE contact_comment ADD COLUMN author_name VARCHAR(100);
UPDATE contact_comment SET author_name =
  (SELECT u.display_name FROM app_user u WHERE u.username = contact_comment.author);
UPDATE contact_comment SET author_name = author WHERE author_name IS NULL;
ALTER TABLE contact_comment ALTER COLUMN author_name SET NOT NULL;
