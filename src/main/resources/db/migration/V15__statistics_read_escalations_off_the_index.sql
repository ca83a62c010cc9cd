-- The statistics count escalations per period (SPEC, Part 2, Statistics at every grain); the index
-- their range is read from carries that column too, so both databases still answer them from the
-- index alone (migration V4).
DROP INDEX contact_queue_created;
CREATE INDEX contact_queue_created
  ON contact (queue_id, created_at, id, status, first_comment_at, escalated_at);
