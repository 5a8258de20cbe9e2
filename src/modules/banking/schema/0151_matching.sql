-- Cash application (docs/banking.md "Matching"): a statement line's match status widens to
-- unmatched / proposed / matched; the matcher's proposals per line, the match that settled a
-- line (a customer receipt posted through receivables, or a ledger entry for bank fees and
-- interest), the counterparties learned from manual matches, and the company's rules.
--
-- Invoices and receipts are receivables' documents, referenced by id without a foreign key:
-- receivables' tables are created by a later migration (0170+), and banking reads them only
-- through receivables' service. A line is `matched` exactly when it has a bank_line_matches row
-- (the service changes both in one transaction). Amounts are int64 minor units.

-- Widening the CHECK of bank_statement_lines.match_status: PostgreSQL replaces the
-- constraint; SQLite cannot alter a CHECK, so the table is rebuilt with the same rows and ids
-- (nothing references it yet) and its index re-created.
--postgres: ALTER TABLE bank_statement_lines DROP CONSTRAINT bank_statement_lines_match_status_check;
--postgres: ALTER TABLE bank_statement_lines ADD CONSTRAINT bank_statement_lines_match_status_check
--postgres:     CHECK (match_status IN ('unmatched', 'proposed', 'matched'));
--sqlite: CREATE TABLE bank_statement_lines_widened (
--sqlite:     company_id BIGINT NOT NULL REFERENCES companies (id),
--sqlite:     id INTEGER PRIMARY KEY,
--sqlite:     statement_id BIGINT NOT NULL,
--sqlite:     bank_account_id BIGINT NOT NULL,
--sqlite:     line_number INTEGER NOT NULL CHECK (line_number >= 1),
--sqlite:     entry_number INTEGER NOT NULL CHECK (entry_number >= 1),
--sqlite:     booking_date TEXT NOT NULL CHECK (length(booking_date) = 10),
--sqlite:     value_date TEXT,
--sqlite:     amount_minor BIGINT NOT NULL,
--sqlite:     currency TEXT NOT NULL CHECK (length(currency) = 3),
--sqlite:     bank_reference TEXT NOT NULL DEFAULT '',
--sqlite:     end_to_end_id TEXT NOT NULL DEFAULT '',
--sqlite:     remittance TEXT NOT NULL DEFAULT '',
--sqlite:     creditor_reference TEXT NOT NULL DEFAULT '',
--sqlite:     counterparty_name TEXT NOT NULL DEFAULT '',
--sqlite:     counterparty_account TEXT NOT NULL DEFAULT '',
--sqlite:     counterparty_bic TEXT NOT NULL DEFAULT '',
--sqlite:     transaction_code TEXT NOT NULL DEFAULT '',
--sqlite:     status TEXT NOT NULL CHECK (status IN ('booked', 'pending')),
--sqlite:     match_status TEXT NOT NULL DEFAULT 'unmatched'
--sqlite:         CHECK (match_status IN ('unmatched', 'proposed', 'matched')),
--sqlite:     UNIQUE (company_id, id),
--sqlite:     UNIQUE (company_id, statement_id, line_number),
--sqlite:     FOREIGN KEY (company_id, statement_id) REFERENCES bank_statements (company_id, id),
--sqlite:     FOREIGN KEY (company_id, bank_account_id) REFERENCES bank_accounts (company_id, id)
--sqlite: );
--sqlite: INSERT INTO bank_statement_lines_widened SELECT * FROM bank_statement_lines;
--sqlite: DROP TABLE bank_statement_lines;
--sqlite: ALTER TABLE bank_statement_lines_widened RENAME TO bank_statement_lines;
--sqlite: CREATE UNIQUE INDEX bank_statement_lines_reference
--sqlite:     ON bank_statement_lines (company_id, bank_account_id, bank_reference)
--sqlite:     WHERE bank_reference <> '';
-- The queue: lines by status.
CREATE INDEX bank_statement_lines_queue ON bank_statement_lines (company_id, match_status, id);

-- What the company configures. No row: the defaults (matching_engine.hpp MatchingRules).
CREATE TABLE matching_rules (
    company_id BIGINT NOT NULL REFERENCES companies (id),
    auto_post_score_min INTEGER NOT NULL CHECK (auto_post_score_min BETWEEN 1 AND 101),
    tolerance_minor BIGINT NOT NULL CHECK (tolerance_minor >= 0),
    name_matching SMALLINT NOT NULL CHECK (name_matching IN (0, 1)),
    amount_only SMALLINT NOT NULL CHECK (amount_only IN (0, 1)),
    date_window_days INTEGER NOT NULL CHECK (date_window_days BETWEEN 0 AND 3660),
    updated_by BIGINT NOT NULL,
    updated_at_us BIGINT NOT NULL,
    PRIMARY KEY (company_id)
);

-- The proposals of a line that is `proposed` (rank 1 is the best); replaced by every run and
-- deleted when the line is matched. allocations: JSON [{"invoice", "number", "amount_minor",
-- "discount_minor", "write_off_minor"}].
CREATE TABLE bank_line_proposals (
    company_id BIGINT NOT NULL,
    line_id BIGINT NOT NULL,
    rank INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 3),
    strategy TEXT NOT NULL CHECK (strategy IN ('reference', 'payer_amount', 'amount_only')),
    customer_id BIGINT NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    reason TEXT NOT NULL,
    unapplied_minor BIGINT NOT NULL CHECK (unapplied_minor >= 0),
    allocations TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    PRIMARY KEY (company_id, line_id, rank),
    FOREIGN KEY (company_id, line_id) REFERENCES bank_statement_lines (company_id, id),
    FOREIGN KEY (company_id, customer_id) REFERENCES customers (company_id, id)
);

-- How a matched line was settled: by a receipt (receivables) or by a ledger entry (fees,
-- interest); automatically, by accepting a proposal, or by hand.
CREATE TABLE bank_line_matches (
    company_id BIGINT NOT NULL,
    line_id BIGINT NOT NULL,
    target TEXT NOT NULL CHECK (target IN ('receipt', 'ledger')),
    receipt_id BIGINT,
    entry_id BIGINT,
    customer_id BIGINT,
    ledger_account TEXT NOT NULL DEFAULT '',
    how TEXT NOT NULL CHECK (how IN ('automatic', 'accepted', 'manual')),
    score INTEGER,
    reason TEXT NOT NULL DEFAULT '',
    matched_by BIGINT NOT NULL,
    matched_at_us BIGINT NOT NULL,
    CHECK ((target = 'receipt') = (receipt_id IS NOT NULL)),
    CHECK ((target = 'ledger') = (entry_id IS NOT NULL AND ledger_account <> '')),
    PRIMARY KEY (company_id, line_id),
    FOREIGN KEY (company_id, line_id) REFERENCES bank_statement_lines (company_id, id)
);

-- Counterparties learned from manual matches: an IBAN / account number or a normalised name
-- (matching_text.hpp) that paid a customer. The latest manual match wins.
CREATE TABLE matching_counterparties (
    company_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('iban', 'name')),
    counterparty_key TEXT NOT NULL CHECK (length(counterparty_key) BETWEEN 1 AND 200),
    customer_id BIGINT NOT NULL,
    learned_from_line_id BIGINT NOT NULL,
    learned_at_us BIGINT NOT NULL,
    PRIMARY KEY (company_id, kind, counterparty_key),
    FOREIGN KEY (company_id, customer_id) REFERENCES customers (company_id, id)
);
