-- The retention job (bot/privacy/retention.ts): one row per run, which is also how several instances agree that
-- one of them runs a day's job (the occurrence is claimed with INSERT … ON CONFLICT DO NOTHING). The counts
-- record what each run deleted, per data class, without any personal data: evidence that the policy is enforced.
CREATE TABLE retention_runs (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The scheduled moment this run is for; null for a run started by hand (`leerkans retention --now`).
  occurrence timestamptz UNIQUE,
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'cli')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  deleted jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX retention_runs_started_idx ON retention_runs (started_at);
