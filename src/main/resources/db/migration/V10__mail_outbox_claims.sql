-- The mail outbox on several nodes: a due mail is claimed by one node for a lease (OutboxMail).
-- A mail left SENDING by the old rule has no lease: it counts as run out, and is given up.
ALTER TABLE mail_outbox ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE mail_outbox ADD COLUMN claimed_until TIMESTAMP(6) WITH TIME ZONE;
