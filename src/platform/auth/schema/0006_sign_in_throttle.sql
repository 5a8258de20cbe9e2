-- Failed sign-ins in a row, per user: reset by a successful sign-in or an unlock; at
-- sign_in_failures_max the user's status becomes 'locked'.
ALTER TABLE users ADD COLUMN failed_sign_ins BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_at_us BIGINT;

-- Failed sign-ins per client address in fixed windows (window_start_us is a multiple of the
-- window length). Not per company: one address guessing across companies is one attacker.
-- Rows of past windows are deleted as new failures arrive.
CREATE TABLE sign_in_address_failures (
    client_address TEXT NOT NULL,
    window_start_us BIGINT NOT NULL,
    failures BIGINT NOT NULL CHECK (failures >= 1),
    PRIMARY KEY (client_address, window_start_us)
);

CREATE INDEX sign_in_address_failures_by_window ON sign_in_address_failures (window_start_us);
