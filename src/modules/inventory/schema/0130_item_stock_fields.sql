-- Items get what stock keeping needs (issue #6): a shipping weight in grams, a reorder point
-- and reorder quantity in thousandths of the item's unit, and an optional barcode that is
-- unique within the company (several items may have none: NULLs never collide in a UNIQUE
-- index on either engine). The unit stays a code; its decimals come from the fixed list in
-- modules/inventory/model.hpp (ea 0, box 0, h 2, kg 3, l 3, m 3).
ALTER TABLE items ADD COLUMN weight_g BIGINT NOT NULL DEFAULT 0 CHECK (weight_g >= 0);
ALTER TABLE items ADD COLUMN reorder_point_milli BIGINT NOT NULL DEFAULT 0
    CHECK (reorder_point_milli >= 0);
ALTER TABLE items ADD COLUMN reorder_quantity_milli BIGINT NOT NULL DEFAULT 0
    CHECK (reorder_quantity_milli >= 0);
ALTER TABLE items ADD COLUMN barcode TEXT CHECK (barcode IS NULL OR length(barcode) BETWEEN 1 AND 64);
CREATE UNIQUE INDEX items_barcode ON items (company_id, barcode);
