-- The questionnaire-answers export reads a queue's contacts in chunks ordered by (created_at, id).
-- With id in the index both H2 and PostgreSQL read each chunk in index order and stop at its
-- LIMIT; without it every chunk sorts the rest of the date range. Queries on (queue_id, created_at)
-- use the longer index as before.
DROP INDEX contact_queue_created;
CREATE INDEX contact_queue_created ON contact (queue_id, created_at, id);
