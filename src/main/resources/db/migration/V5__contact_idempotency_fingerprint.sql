-- A retry with an Idempotency-Key replays the first answer only when it sends the same body
-- (SPEC rule 12): the SHA-256 of the submission's canonical form (answers with their keys sorted,
-- language, page URL, source), hex, is kept beside the key. Contacts stored before have none and
-- replay as they did.
ALTER TABLE contact ADD COLUMN idempotency_fingerprint VARCHAR(64);
