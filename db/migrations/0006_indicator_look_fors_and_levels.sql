-- Frameworks carry their own cues: per indicator the observable behaviour that shows it ("look-fors", nl and en;
-- the indicator matcher reads them) and optional descriptions of what the indicator looks like at each level of
-- the scale, keyed by scale value: {"1": {"nl": "…", "en": "…"}} (the assessment cards show them).
ALTER TABLE indicators ADD COLUMN look_fors jsonb NOT NULL DEFAULT '{"nl": [], "en": []}'::jsonb;
ALTER TABLE indicators ADD COLUMN level_descriptions jsonb NOT NULL DEFAULT '{}'::jsonb;
