-- Who heard of a contact live (issue #17, the delivery trail of GET /api/contacts/{id}): for each
-- contact, kind of event (NEW_CONTACT, ESCALATION) and node, how many open consoles (event streams)
-- the node pushed the event to. Each node writes its own row; the trail adds them up. The rows go
-- with their contact, however it is deleted (erasure, retention, a deleted queue).
CREATE TABLE live_delivery (
  contact_id VARCHAR(32)  NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  kind       VARCHAR(16)  NOT NULL,
  node       VARCHAR(64)  NOT NULL,
  sessions   INTEGER      NOT NULL,
  at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (contact_id, kind, node)
);
