-- Queue statistics count a queue's contacts of a date range per day and status, and take the
-- median time to each contact's first comment. Read from the contact rows (answers and all) with
-- a subquery on the comments, 30 days of a million contacts took 3.5 s. The first comment's time
-- now sits on the contact, and the index the date range is read from carries the two columns the
-- statistics need besides the time, so both databases answer them from the index alone.
ALTER TABLE contact ADD COLUMN first_comment_at TIMESTAMP(6) WITH TIME ZONE;
UPDATE contact SET first_comment_at =
    (SELECT MIN(m.at) FROM contact_comment m WHERE m.contact_id = contact.id)
  WHERE id IN (SELECT contact_id FROM contact_comment);
DROP INDEX contact_queue_created;
CREATE INDEX contact_queue_created ON contact (queue_id, created_at, id, status, first_comment_at);
