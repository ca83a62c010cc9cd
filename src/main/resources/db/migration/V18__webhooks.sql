-- Signed webhooks (SPEC Part 2, Integrations; docs/architecture.md, Webhooks).

-- A webhook: where to POST which events of which queues (null: every queue), signed with its
-- secret. The secret is kept as given out (whsec_ and base64), since signing needs the key itself
-- (docs/security.md). consecutive_failures and failing_since are written only by the deliveries'
-- outcomes, with one UPDATE each, never by a save of the webhook.
CREATE TABLE webhook (
  id                    VARCHAR(32)   NOT NULL PRIMARY KEY,
  url                   VARCHAR(2000) NOT NULL,
  events                VARCHAR(1000) NOT NULL,
  queues                VARCHAR(20000),
  include_answers       BOOLEAN       NOT NULL,
  secret                VARCHAR(100)  NOT NULL,
  created_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  consecutive_failures  INTEGER       NOT NULL,
  failing_since         TIMESTAMP(6) WITH TIME ZONE,
  last_delivered_at     TIMESTAMP(6) WITH TIME ZONE,
  version               BIGINT        NOT NULL
);

-- The webhooks' outbox: one row per event and webhook, written in the transaction of the contact's
-- change; its id is the webhook-id header of every attempt. The body is fixed when the row is
-- written, so every attempt sends the same bytes. No foreign key to webhook: a node whose list of
-- webhooks is a few seconds old may still owe a delivery to a webhook just deleted, and that must
-- not fail the contact's transaction; the sender drops such rows.
CREATE TABLE webhook_delivery (
  id                VARCHAR(32)      NOT NULL PRIMARY KEY,
  webhook_id        VARCHAR(32)      NOT NULL,
  event             VARCHAR(40)      NOT NULL,
  contact_id        VARCHAR(32)      NOT NULL,
  queue_id          VARCHAR(64)      NOT NULL,
  payload           VARCHAR(1000000) NOT NULL,
  created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  state             VARCHAR(16)      NOT NULL,
  attempts          INTEGER          NOT NULL,
  next_attempt_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  last_status_code  INTEGER,
  last_error        VARCHAR(2000),
  delivered_at      TIMESTAMP(6) WITH TIME ZONE,
  claimed_by        VARCHAR(64),
  claimed_until     TIMESTAMP(6) WITH TIME ZONE,
  version           BIGINT           NOT NULL
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (state, next_attempt_at);
CREATE INDEX webhook_delivery_log ON webhook_delivery (webhook_id, id DESC);
CREATE INDEX webhook_delivery_contact ON webhook_delivery (contact_id);
CREATE INDEX webhook_delivery_queue ON webhook_delivery (queue_id);
