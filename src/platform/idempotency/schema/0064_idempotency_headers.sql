-- The response headers a replay must repeat (Location of a created resource, …), as a JSON
-- array of [name, value] pairs. Rows stored before this column replay without headers.
ALTER TABLE idempotency_keys ADD COLUMN headers TEXT NOT NULL DEFAULT '[]';
