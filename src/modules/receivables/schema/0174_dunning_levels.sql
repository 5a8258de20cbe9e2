-- Collections (issue #7): each company's dunning levels and its credit-hold policy
-- (docs/receivables.md "Collections"). A company without rows uses the default levels the
-- program defines (reminder 7 days, second notice 21, final notice 35); PUT
-- /api/v1/dunning-levels stores its own. Fees are minor units of fee_currency (the company's
-- functional currency); interest is an annual percentage kept as exact decimal text.
CREATE TABLE dunning_levels (
    company_id BIGINT NOT NULL REFERENCES companies (id),
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 9),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    days_overdue INTEGER NOT NULL CHECK (days_overdue BETWEEN 1 AND 3650),
    fee_minor BIGINT NOT NULL DEFAULT 0 CHECK (fee_minor >= 0),
    fee_currency TEXT NOT NULL CHECK (length(fee_currency) = 3),
    interest_percent TEXT NOT NULL DEFAULT '0',
    letter_text TEXT NOT NULL,
    PRIMARY KEY (company_id, level)
);

-- When overdue invoices put a customer on credit hold: any invoice more than
-- hold_days_overdue days past due, or dunned at hold_level or higher (NULL: that test is off).
-- One row per company once it sets its levels.
CREATE TABLE dunning_settings (
    company_id BIGINT NOT NULL PRIMARY KEY REFERENCES companies (id),
    hold_days_overdue INTEGER CHECK (hold_days_overdue BETWEEN 1 AND 3650),
    hold_level INTEGER CHECK (hold_level BETWEEN 1 AND 9),
    updated_at_us BIGINT NOT NULL
);
