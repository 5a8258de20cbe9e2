-- The aging as of a date sums, per invoice, the credits issued by then: an index on the
-- credited invoice and the date, so that both backends look the credits up by invoice.
-- Without it SQLite's planner (no statistics) preferred receivable_documents_by_date and read
-- every document of the company once per invoice (docs/receivables.md "Payments and cash
-- application", bench/payments).
CREATE INDEX receivable_documents_by_credited_date
    ON receivable_documents (company_id, credited_invoice_id, document_date);
