-- The activity log is read newest first. H2 cannot walk an index backwards: with the ascending
-- index (queue_id, id) it read every entry of the queue below the cursor and sorted them to keep
-- 50 (1.5 s at a million entries). In descending id order, and with the query ordering by the
-- index's columns from the first (queue_id, then id descending), both H2 and PostgreSQL read the
-- 50 entries off the index and stop.
DROP INDEX activity_entry_queue;
CREATE INDEX activity_entry_queue ON activity_entry (queue_id, id DESC);
