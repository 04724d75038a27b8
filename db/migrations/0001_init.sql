-- Leerkans schema, version 1: the whole data model of DESIGN.md.
-- Released migrations are never edited; later changes get a new numbered file.

-- Competence frameworks (MICOON): framework → competences → indicators, with one scale per framework.
CREATE TABLE frameworks (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name_nl text NOT NULL,
  name_en text NOT NULL,
  source text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scale_levels (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  framework_id int NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
  value int NOT NULL,
  code text NOT NULL,
  label_nl text NOT NULL,
  label_en text NOT NULL,
  -- "Not observed" is coverage, not a low level: it has counts_as_level = false.
  counts_as_level boolean NOT NULL DEFAULT true,
  colour text,
  UNIQUE (framework_id, value),
  UNIQUE (framework_id, code)
);

CREATE TABLE competences (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  framework_id int NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
  code text NOT NULL,
  label_nl text NOT NULL,
  label_en text NOT NULL,
  position int NOT NULL DEFAULT 0,
  UNIQUE (framework_id, code)
);

CREATE TABLE indicators (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  framework_id int NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
  competence_id int NOT NULL REFERENCES competences (id) ON DELETE RESTRICT,
  code text NOT NULL,
  label_nl text NOT NULL,
  label_en text NOT NULL,
  position int NOT NULL DEFAULT 0,
  -- Set when a re-import no longer lists the indicator; kept because assessments may point at it.
  retired_at timestamptz,
  UNIQUE (framework_id, code)
);
CREATE INDEX indicators_competence_idx ON indicators (competence_id);

-- People and how to reach them.
CREATE TABLE people (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  roles text[] NOT NULL CHECK (roles <@ ARRAY['student', 'mentor', 'teacher', 'coach', 'admin']::text[] AND cardinality(roles) > 0),
  locale text NOT NULL DEFAULT 'nl-BE',
  time_zone text NOT NULL DEFAULT 'Europe/Brussels',
  nudges_paused_until date,
  skip_nudges_on date,
  ai_notice_shown_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX people_email_key ON people (lower(email));

CREATE TABLE platform_identities (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  platform text NOT NULL CHECK (platform IN ('slack', 'teams', 'web')),
  tenant_id text NOT NULL,
  user_id text NOT NULL,
  -- Slack DM channel id or Teams conversation reference: what a proactive send needs.
  reference jsonb,
  reachable boolean NOT NULL DEFAULT true,
  unreachable_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform, tenant_id, user_id)
);
CREATE INDEX platform_identities_person_idx ON platform_identities (person_id);

CREATE TABLE cohorts (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  framework_id int REFERENCES frameworks (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cohort_members (
  cohort_id int NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  person_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  PRIMARY KEY (cohort_id, person_id)
);
CREATE INDEX cohort_members_person_idx ON cohort_members (person_id);

-- Student ↔ mentor / teacher / coach, many-to-many with dates: an ended assignment keeps its history.
CREATE TABLE assignments (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  student_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  staff_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('mentor', 'teacher', 'coach')),
  starts_on date NOT NULL DEFAULT CURRENT_DATE,
  ends_on date,
  CHECK (student_id <> staff_id),
  UNIQUE (student_id, staff_id, role)
);
CREATE INDEX assignments_staff_idx ON assignments (staff_id, role);

-- Work shifts (after which a nudge goes out) and schedules.
CREATE TABLE shifts (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  workplace text NOT NULL DEFAULT '',
  CHECK (ends_at > starts_at),
  UNIQUE (person_id, starts_at)
);
CREATE INDEX shifts_ends_at_idx ON shifts (ends_at);

CREATE TABLE schedules (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('after_shift', 'cron', 'digest')),
  cron text,
  minutes_after_shift int CHECK (minutes_after_shift IS NULL OR minutes_after_shift BETWEEN 0 AND 1440),
  time_zone text NOT NULL DEFAULT 'Europe/Brussels',
  quiet_start time,
  quiet_end time,
  cohort_id int REFERENCES cohorts (id) ON DELETE CASCADE,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'after_shift') = (minutes_after_shift IS NOT NULL)),
  CHECK (kind = 'after_shift' OR cron IS NOT NULL)
);

CREATE TABLE holidays (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  day date NOT NULL,
  name text NOT NULL DEFAULT '',
  cohort_id int REFERENCES cohorts (id) ON DELETE CASCADE,
  UNIQUE NULLS NOT DISTINCT (day, cohort_id)
);

-- Conversation state lives here so any instance can continue any conversation after a restart.
CREATE TABLE conversations (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id int NOT NULL UNIQUE REFERENCES people (id) ON DELETE CASCADE,
  flow text NOT NULL,
  step text NOT NULL,
  state jsonb NOT NULL DEFAULT '{}'::jsonb,
  version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reflections (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  shift_id int REFERENCES shifts (id) ON DELETE SET NULL,
  model text NOT NULL CHECK (model IN ('starr', 'korthagen', 'gibbs')),
  environment text NOT NULL DEFAULT 'workplace' CHECK (environment IN ('workplace', 'campus', 'elsewhere')),
  answers jsonb NOT NULL DEFAULT '{}'::jsonb,
  body text NOT NULL DEFAULT '',
  visibility text NOT NULL DEFAULT 'coach' CHECK (visibility IN ('private', 'coach', 'coach_mentors')),
  language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
  llm_used boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX reflections_person_idx ON reflections (person_id, created_at DESC);

CREATE TABLE reflection_indicators (
  reflection_id int NOT NULL REFERENCES reflections (id) ON DELETE CASCADE,
  indicator_id int NOT NULL REFERENCES indicators (id) ON DELETE RESTRICT,
  suggested boolean NOT NULL DEFAULT false,
  confirmed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reflection_id, indicator_id)
);
CREATE INDEX reflection_indicators_indicator_idx ON reflection_indicators (indicator_id);

-- Feedback requests: who asked whom for feedback on which reflection.
CREATE TABLE feedback_requests (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  student_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  requested_of int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('mentor', 'teacher')),
  reflection_id int REFERENCES reflections (id) ON DELETE SET NULL,
  environment text NOT NULL DEFAULT 'workplace' CHECK (environment IN ('workplace', 'campus', 'elsewhere')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'cancelled', 'expired')),
  -- Where the card was delivered, so it can be replaced by the read-only version.
  message_ref jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz
);
CREATE INDEX feedback_requests_requested_of_idx ON feedback_requests (requested_of, status);
CREATE INDEX feedback_requests_student_idx ON feedback_requests (student_id);

-- The MICOON core: indicator × assessed person × actor role × environment × date → level or not observed.
CREATE TABLE assessments (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  indicator_id int NOT NULL REFERENCES indicators (id) ON DELETE RESTRICT,
  assessed_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  actor_id int REFERENCES people (id) ON DELETE SET NULL,
  actor_role text NOT NULL CHECK (actor_role IN ('student', 'mentor', 'teacher')),
  environment text NOT NULL CHECK (environment IN ('workplace', 'campus', 'elsewhere')),
  observed_on date NOT NULL DEFAULT CURRENT_DATE,
  level int,
  not_observed boolean NOT NULL DEFAULT false,
  evidence text NOT NULL DEFAULT '',
  reflection_id int REFERENCES reflections (id) ON DELETE SET NULL,
  feedback_request_id int REFERENCES feedback_requests (id) ON DELETE SET NULL,
  -- An edit is a new version; the old row stays and is pointed at.
  supersedes_id int REFERENCES assessments (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((not_observed AND level IS NULL) OR (NOT not_observed AND level IS NOT NULL))
);
CREATE INDEX assessments_assessed_idx ON assessments (assessed_id, indicator_id, actor_role, created_at DESC);
CREATE INDEX assessments_actor_idx ON assessments (actor_id);
CREATE UNIQUE INDEX assessments_supersedes_key ON assessments (supersedes_id) WHERE supersedes_id IS NOT NULL;

CREATE TABLE feedback (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assessment_id int NOT NULL UNIQUE REFERENCES assessments (id) ON DELETE CASCADE,
  request_id int REFERENCES feedback_requests (id) ON DELETE SET NULL,
  author_id int REFERENCES people (id) ON DELETE SET NULL,
  student_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  task text NOT NULL DEFAULT '',
  went_well text NOT NULL DEFAULT '',
  -- Feed forward is required: feedback without a next step is not stored.
  next_step text NOT NULL CHECK (length(btrim(next_step)) > 0),
  wants_conversation boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feedback_student_idx ON feedback (student_id, created_at DESC);
CREATE INDEX feedback_request_idx ON feedback (request_id);

-- Every proactive message goes through the outbox: planned once (dedupe key), claimed with a lease, retried.
CREATE TABLE outbox (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dedupe_key text NOT NULL UNIQUE,
  platform text NOT NULL CHECK (platform IN ('slack', 'teams', 'web')),
  person_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  last_error_class text,
  last_error text,
  message_ref jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_person_idx ON outbox (person_id);

-- Inbound idempotency: a platform event key seen once is never handled twice.
CREATE TABLE processed_events (
  key text PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processed_events_received_idx ON processed_events (received_at);

CREATE TABLE audit_log (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_id int REFERENCES people (id) ON DELETE SET NULL,
  -- Who acted when there is no person: 'cli', 'system', an adapter.
  actor_label text NOT NULL DEFAULT 'system',
  action text NOT NULL,
  subject_id int,
  subject_email text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_id, at DESC);
