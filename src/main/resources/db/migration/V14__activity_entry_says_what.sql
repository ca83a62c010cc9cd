-- A log row says which contact and what changed (SPEC, Part 2, Follow-up): the contact's
-- reference, which people quote, and for a status or handler change what it was and became.
-- Entries outlive their contact, and so does the reference (a random code, not the visitor's data).
ALTER TABLE activity_entry ADD COLUMN reference VARCHAR(16);
ALTER TABLE activity_entry ADD COLUMN detail_from VARCHAR(40);
ALTER TABLE activity_entry ADD COLUMN detail_to VARCHAR(40);
UPDATE activity_entry SET reference =
    (SELECT c.reference FROM contact c WHERE c.id = activity_entry.contact_id)
  WHERE contact_id IS NOT NULL;

-- Releasing the handler is a change: a comment says whether it changed the handler, so one that
-- gave the contact to nobody reads apart from one that left the handler alone. Before this
-- version a release was not kept; comments that named a new handler did change it.
ALTER TABLE contact_comment ADD COLUMN handler_changed BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE contact_comment SET handler_changed = TRUE WHERE new_handler IS NOT NULL;
