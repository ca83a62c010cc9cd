-- The replay lookup of a submission reads one column that only one index has. Looked up on
-- (queue_id, idempotency_key), PostgreSQL could also use the date index contact_queue_created
-- (queue_id first) and filter on the key: a generic plan prepared while the table was empty, and
-- kept because nothing analysed the table since (autovacuum off), read every contact of the queue
-- for each submission (143 submissions/s instead of 764 on H2, docs/benchmarks.md). The scope is
-- the queue id, a space and the key; a key has no space (1 to 200 visible ASCII characters), so
-- the scope names one (queue, key). The check makes the database itself hold it to the two
-- columns, and the unique key on it alone replaces the one on (queue_id, idempotency_key).
ALTER TABLE contact ADD COLUMN idempotency_scope VARCHAR(265);
UPDATE contact SET idempotency_scope = queue_id || ' ' || idempotency_key
  WHERE idempotency_key IS NOT NULL;
ALTER TABLE contact ADD CONSTRAINT contact_idempotency_scope_of_key CHECK (
  (idempotency_key IS NULL AND idempotency_scope IS NULL)
  OR idempotency_scope = queue_id || ' ' || idempotency_key);
ALTER TABLE contact DROP CONSTRAINT contact_idempotency;
ALTER TABLE contact ADD CONSTRAINT contact_idempotency UNIQUE (idempotency_scope);

-- Work that must run once per cluster, not once per node (platform/ClusterJobs): a node runs a
-- job when it moves next_run_at past now, in one UPDATE that the database serialises, so of nodes
-- that try at once exactly one finds it due.
CREATE TABLE cluster_job (
  name        VARCHAR(64)  NOT NULL PRIMARY KEY,
  next_run_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  claimed_by  VARCHAR(200),
  claimed_at  TIMESTAMP(6) WITH TIME ZONE
);
