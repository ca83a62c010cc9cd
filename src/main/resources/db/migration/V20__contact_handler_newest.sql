-- A handler's contacts, newest first in each status (GET /api/contacts?handler=…). Without it the
-- list read the queue's contacts of each status newest first and filtered on the handler: at a
-- million contacts, 4 s for a handler with none DONE (docs/benchmarks.md, scale).
CREATE INDEX contact_queue_handler_status_newest
  ON contact (queue_id, handler, status, created_at DESC, id DESC);
