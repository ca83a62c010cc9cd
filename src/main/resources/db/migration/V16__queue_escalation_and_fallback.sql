-- Follow-up (SPEC, Part 2): a queue may chase contacts nobody answered and name an address for
-- contacts that would reach nobody. All nullable: a queue stored before escalates nothing and has
-- no fallback address.
--
-- escalation: {"afterOpenMinutes":n,"notify":[usernames]} as JSON, null when the queue does not
-- escalate; escalation_since: when it was switched on (older contacts are not chased).
ALTER TABLE queue ADD COLUMN escalation VARCHAR(10000);
ALTER TABLE queue ADD COLUMN escalation_since TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE queue ADD COLUMN fallback_email VARCHAR(254);
-- The queue's manual overrides and from when each held, JSON, oldest first, so that time a queue
-- was closed by hand does not count as open afterwards. Null for a queue stored before: its
-- current override is taken to have held since it was made.
ALTER TABLE queue ADD COLUMN override_history VARCHAR(100000);
