-- The departments a department manager may see. No foreign key to departments: that table
-- belongs to the ledger layer (0010), above platform; an id that names no department simply
-- shows nothing.
CREATE TABLE user_departments (
    company_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    department_id BIGINT NOT NULL CHECK (department_id > 0),
    PRIMARY KEY (company_id, user_id, department_id),
    FOREIGN KEY (company_id, user_id) REFERENCES users (company_id, id)
);
