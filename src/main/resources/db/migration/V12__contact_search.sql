-- Finding contacts (docs/api.md, Contacts): by the visitor's e-mail, by status within a queue, and
-- whether a contact is overdue (escalated and not yet answered).
--
-- The e-mail is the answer to the form's first e-mail field, kept apart in lower case so a search
-- is one index lookup, never a scan of the answers. Contacts registered before this version have
-- none (their answers do not say which field was the e-mail field) and are found by reference.
ALTER TABLE contact ADD COLUMN visitor_email VARCHAR(254);
CREATE INDEX contact_visitor_email ON contact (visitor_email);

-- Set by escalation, cleared by the first comment or status change after it.
ALTER TABLE contact ADD COLUMN escalated_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE contact ADD COLUMN overdue BOOLEAN DEFAULT FALSE NOT NULL;

-- The list, newest first, one (queue, status) range at a time: a page of any filter is read off
-- the index in order and stops after the page (descending because H2 reads an index forwards
-- only). The list without a status filter merges the four ranges of each queue.
CREATE INDEX contact_queue_status_newest
  ON contact (queue_id, status, created_at DESC, id DESC);
