-- Escalation (SPEC, Part 2, Follow-up) reads, per queue, the contacts nobody has answered or
-- escalated yet, registered within a range of time. This index holds them apart from the rest:
-- equal queue and status, no escalation, no first comment, then the time; so a check reads the
-- contacts that are due and stops, whatever the size of the queue's answered history. The id
-- makes it cover the query: without it H2 preferred contact_queue_created (V15), which carries
-- every column, and read the queue's whole date range.
CREATE INDEX contact_unanswered
  ON contact (queue_id, status, escalated_at, first_comment_at, created_at, id);

-- The outbox carries more than one kind of mail about a contact: the new contact's (as before),
-- the escalation's to the queue's notify users, the fallback to the queue's fallback address. One
-- of each kind per recipient and contact; the kinds must not swallow each other, so the kind is
-- part of the unique key. A fallback's recipient is the address itself.
ALTER TABLE mail_outbox ADD COLUMN kind VARCHAR(16) DEFAULT 'NEW_CONTACT' NOT NULL;
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_once;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_once UNIQUE (contact_id, recipient, kind);
ALTER TABLE mail_outbox ALTER COLUMN recipient SET DATA TYPE VARCHAR(254);
