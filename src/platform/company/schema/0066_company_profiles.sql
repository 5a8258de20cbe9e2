-- A company's letterhead: its legal name, postal address, tax id and contact details, printed
-- on invoices, packing slips, statements and letters. One row per company, written when the
-- profile is first set; a company without one prints its name only.
CREATE TABLE company_profiles (
    company_id BIGINT NOT NULL PRIMARY KEY REFERENCES companies (id),
    legal_name TEXT NOT NULL CHECK (length(legal_name) <= 200),
    address_line1 TEXT NOT NULL CHECK (length(address_line1) <= 200),
    address_line2 TEXT NOT NULL CHECK (length(address_line2) <= 200),
    postal_code TEXT NOT NULL CHECK (length(postal_code) <= 20),
    city TEXT NOT NULL CHECK (length(city) <= 100),
    region TEXT NOT NULL CHECK (length(region) <= 100),
    country TEXT NOT NULL CHECK (length(country) IN (0, 2)),
    tax_id TEXT NOT NULL CHECK (length(tax_id) <= 50),
    email TEXT NOT NULL CHECK (length(email) <= 254),
    phone TEXT NOT NULL CHECK (length(phone) <= 50),
    website TEXT NOT NULL CHECK (length(website) <= 200),
    updated_at_us BIGINT NOT NULL
);
