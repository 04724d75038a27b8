-- Frameworks may carry labelled example reflections per indicator, as students write them (nl and en); the
-- indicator matcher compares a reflection with them besides the indicator's label and look-fors.
ALTER TABLE indicators ADD COLUMN examples jsonb NOT NULL DEFAULT '{"nl": [], "en": []}'::jsonb;
