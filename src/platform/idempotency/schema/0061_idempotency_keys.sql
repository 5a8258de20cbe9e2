-- Idempotency keys: the first outcome of a POST, replayed to retries (docs/audit.md).
--
-- Scoped by company and user (0 and 0 for anonymous requests such as sign-in), so that no
-- caller can see or collide with another's keys; hence no foreign keys. `status` is 0 while
-- the claiming transaction runs and the HTTP status once it completed; since claim and
-- completion commit together, other transactions never see 0. `fingerprint` is the hex
-- BLAKE2b of method, path and body: the same key with another request is a mismatch.
CREATE TABLE idempotency_keys (
    company_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    key TEXT NOT NULL CHECK (length(key) >= 1),
    fingerprint TEXT NOT NULL,
    status BIGINT NOT NULL CHECK (status = 0 OR status BETWEEN 100 AND 599),
    content_type TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL,
    PRIMARY KEY (company_id, user_id, key)
);

-- purge_expired deletes by expiry.
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at_us);
