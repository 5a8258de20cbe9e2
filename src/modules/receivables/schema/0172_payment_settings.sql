-- A company's cash-application settings (docs/receivables.md "Payments and cash
-- application"): the largest difference one allocation may write off (minor units of the
-- receipt's currency) and the accounts for write-offs and early-payment discounts. A company
-- without a row uses the defaults: 5.00, 6900 Bank Fees, 4300 Sales Discounts.
CREATE TABLE receivable_payment_settings (
    company_id BIGINT NOT NULL REFERENCES companies (id),
    write_off_tolerance_minor BIGINT NOT NULL CHECK (write_off_tolerance_minor >= 0),
    write_off_account TEXT NOT NULL,
    discount_account TEXT NOT NULL,
    updated_at_us BIGINT NOT NULL,
    PRIMARY KEY (company_id)
);
