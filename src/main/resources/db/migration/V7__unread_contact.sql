-- "Unread for me" (docs/api.md, Unread): one row per contact and member of its queue who has not
-- opened it yet. Written when the contact is registered, for the queue's members at that moment
-- (so an agent who joins later is not flooded with the queue's past); removed when that member
-- views the contact, for everyone when the contact is erased (deletion, retention, a deleted
-- queue), and with the membership (leaving the queue, a deleted user) through the foreign key.
-- Reading a count costs the member's unread rows, not the queue's history: at a million contacts
-- an agent who has read them all counts nothing, where a NOT EXISTS over the log took 12 s on H2.
CREATE TABLE unread_contact (
  contact_id    VARCHAR(32) NOT NULL,
  username      VARCHAR(40) NOT NULL,
  queue_id      VARCHAR(64) NOT NULL,
  registered_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (contact_id, username)
);
-- a member's unread contacts of one queue, newest first, a page at a time on (registered_at,
-- contact_id); descending because H2 reads an index forwards only. PostgreSQL also finds a
-- membership's rows through it when the cascade from queue_member runs (H2 adds an index of its
-- own for the foreign key).
CREATE INDEX unread_contact_reader
  ON unread_contact (queue_id, username, registered_at DESC, contact_id DESC);
ALTER TABLE unread_contact ADD CONSTRAINT unread_contact_member FOREIGN KEY (queue_id, username)
  REFERENCES queue_member (queue_id, username) ON DELETE CASCADE;

-- Contacts registered before this version: unread for each member who joined before the contact
-- came and has no CONTENT_VIEWED entry for it. The temporary index turns the check into a lookup.
CREATE INDEX activity_entry_viewed ON activity_entry (contact_id, type, actor);
INSERT INTO unread_contact (contact_id, username, queue_id, registered_at)
  SELECT c.id, m.username, c.queue_id, c.created_at
  FROM contact c JOIN queue_member m ON m.queue_id = c.queue_id
  WHERE c.created_at >= m.joined_at
    AND NOT EXISTS (SELECT 1 FROM activity_entry v
                    WHERE v.contact_id = c.id AND v.type = 'CONTENT_VIEWED'
                      AND v.actor = m.username);
DROP INDEX activity_entry_viewed;
