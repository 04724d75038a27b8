-- The coach's weekly digest: the default digest schedule, chart links and the mentor's reminders.

-- Monday 08:00, evaluated in each coach's own time zone (the time_zone column is not used for digests).
-- Admins change or pause it like any schedule.
INSERT INTO schedules (name, kind, cron) VALUES ('weekly-digest', 'digest', '0 8 * * 1') ON CONFLICT (name) DO NOTHING;

-- A chart image is served at /charts/<token>.png. Only a hash of the token is stored, so the table alone does
-- not open any chart; the link expires and is removed with the person it shows.
CREATE TABLE chart_tokens (
  token_hash text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('student', 'cohort')),
  -- The student a student chart shows, or the coach whose students a cohort chart shows.
  subject_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  -- Who the chart was made for: what they may see decides what it shows (private self-assessments).
  viewer_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  locale text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chart_tokens_expires_idx ON chart_tokens (expires_at);
