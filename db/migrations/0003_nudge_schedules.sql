-- Nudge schedules for real: a schedule targets the organisation, a cohort or one person; quiet hours default to
-- 21:00–07:30 (equal start and end: none); a holiday policy per schedule. Every planned nudge is a row in `nudges`
-- (linked to its shift and, by its key, to its outbox message), so a shift gets at most one nudge, catch-up and dropped nudges are
-- counted, and an answer to a nudge knows which shift it is about.
ALTER TABLE schedules ADD COLUMN person_id int REFERENCES people (id) ON DELETE CASCADE;
ALTER TABLE schedules ADD CONSTRAINT schedules_one_target CHECK (cohort_id IS NULL OR person_id IS NULL);
-- 'default': fixed-time (cron) nudges are silenced on holidays, a shift nudge follows the shift;
-- 'silence': no nudge of this schedule on a holiday; 'ignore': holidays do not matter for this schedule.
ALTER TABLE schedules ADD COLUMN holiday_policy text NOT NULL DEFAULT 'default'
  CHECK (holiday_policy IN ('default', 'silence', 'ignore'));
ALTER TABLE schedules ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- One reminder this many minutes after a shift nudge that was not answered (null: no reminder).
ALTER TABLE schedules ADD COLUMN reminder_minutes int CHECK (reminder_minutes IS NULL OR reminder_minutes BETWEEN 10 AND 1440);
UPDATE schedules SET quiet_start = '21:00' WHERE quiet_start IS NULL;
UPDATE schedules SET quiet_end = '07:30' WHERE quiet_end IS NULL;
ALTER TABLE schedules ALTER COLUMN quiet_start SET DEFAULT '21:00';
ALTER TABLE schedules ALTER COLUMN quiet_start SET NOT NULL;
ALTER TABLE schedules ALTER COLUMN quiet_end SET DEFAULT '07:30';
ALTER TABLE schedules ALTER COLUMN quiet_end SET NOT NULL;
CREATE INDEX schedules_person_idx ON schedules (person_id) WHERE person_id IS NOT NULL;

-- A fresh install nudges 30 minutes after every shift (quiet hours are in each student's own zone, so the
-- schedule's zone does not matter for this kind). Removing it later sticks: migrations run once.
INSERT INTO schedules (name, kind, minutes_after_shift, time_zone)
  VALUES ('after-shift', 'after_shift', 30, 'Europe/Brussels') ON CONFLICT (name) DO NOTHING;

-- Where a holiday came from: an import, the computed Flemish school holidays, or an admin in chat.
ALTER TABLE holidays ADD COLUMN source text NOT NULL DEFAULT 'import' CHECK (source IN ('import', 'school', 'admin'));

CREATE TABLE nudges (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- nudge:<schedule>:<person>:<occurrence>: also the dedupe key of the outbox message it planned (the link).
  dedupe_key text NOT NULL UNIQUE,
  schedule_id int REFERENCES schedules (id) ON DELETE SET NULL,
  person_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  shift_id int REFERENCES shifts (id) ON DELETE CASCADE,
  kind text NOT NULL DEFAULT 'nudge' CHECK (kind IN ('nudge', 'reminder')),
  -- The moment the schedule meant, and the moment it was due after quiet hours.
  occurrence timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  -- 'planned': in the outbox; 'dropped': its moment passed longer ago than the catch-up window.
  status text NOT NULL CHECK (status IN ('planned', 'dropped')),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- At most one nudge and one reminder per shift, whichever schedule or instance planned it.
CREATE UNIQUE INDEX nudges_shift_kind_key ON nudges (shift_id, kind) WHERE shift_id IS NOT NULL;
CREATE INDEX nudges_person_idx ON nudges (person_id, due_at DESC);
CREATE INDEX nudges_due_idx ON nudges (due_at);
CREATE INDEX reflections_shift_idx ON reflections (shift_id) WHERE shift_id IS NOT NULL;
