-- The audit trail: per company, one hash-chained sequence of events (docs/audit.md).
--
-- audit_chain_heads holds, per company, the sequence number and hash of the last event. An
-- append increments `seq` with one UPDATE ... RETURNING, so the appends of one company
-- serialize on that row (PostgreSQL row lock; SQLite has one writer) while companies never
-- wait for each other. `verify` compares the head with the last stored event, which is how a
-- deletion at the end of the chain is caught.
CREATE TABLE audit_chain_heads (
    company_id BIGINT NOT NULL PRIMARY KEY REFERENCES companies (id),
    seq BIGINT NOT NULL CHECK (seq >= 0),
    hash TEXT NOT NULL CHECK (length(hash) = 64)
);

-- One event. `hash` is BLAKE2b-256 (lower-case hex) over `prev_hash` and the canonical
-- encoding of every other column; `user_id` is 0 when no user was signed in. Rows are only
-- ever inserted: the program never updates or deletes one.
CREATE TABLE audit_events (
    company_id BIGINT NOT NULL REFERENCES companies (id),
    seq BIGINT NOT NULL CHECK (seq >= 1),
    at_us BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    changes TEXT NOT NULL,
    request_id TEXT NOT NULL,
    client_address TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (company_id, seq)
);

-- The auditor's searches (GET /api/v1/audit/events), newest first within a company.
CREATE INDEX audit_events_entity ON audit_events (company_id, entity_type, entity_id, seq);
CREATE INDEX audit_events_username ON audit_events (company_id, username, seq);
CREATE INDEX audit_events_action ON audit_events (company_id, action, seq);
CREATE INDEX audit_events_at ON audit_events (company_id, at_us);
