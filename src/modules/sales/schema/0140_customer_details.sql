-- Customers, in full (issue #6): tax category, price list, salesperson, the reason of a hold,
-- several billing and shipping addresses (one default of each kind) and contacts.
ALTER TABLE customers ADD COLUMN tax_category TEXT NOT NULL DEFAULT 'taxable'
    CHECK (tax_category IN ('taxable', 'exempt'));
ALTER TABLE customers ADD COLUMN price_list_id BIGINT;
ALTER TABLE customers ADD COLUMN salesperson_id BIGINT;
ALTER TABLE customers ADD COLUMN hold_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN updated_at_us BIGINT NOT NULL DEFAULT 0;

CREATE INDEX customers_by_name ON customers (company_id, name, id);

CREATE TABLE customer_addresses (
    company_id BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    position INTEGER NOT NULL CHECK (position >= 1),
    kind TEXT NOT NULL CHECK (kind IN ('billing', 'shipping')),
    is_default SMALLINT NOT NULL CHECK (is_default IN (0, 1)),
    name TEXT NOT NULL,
    line1 TEXT NOT NULL,
    line2 TEXT NOT NULL,
    city TEXT NOT NULL,
    region TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    country TEXT NOT NULL,
    PRIMARY KEY (company_id, customer_id, position),
    FOREIGN KEY (company_id, customer_id) REFERENCES customers (company_id, id)
);

CREATE TABLE customer_contacts (
    company_id BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    position INTEGER NOT NULL CHECK (position >= 1),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (company_id, customer_id, position),
    FOREIGN KEY (company_id, customer_id) REFERENCES customers (company_id, id)
);
