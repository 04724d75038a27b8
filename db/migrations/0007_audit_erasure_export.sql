-- Privacy: the audit log in its final form, processed events linked to their sender (so erasure finds them),
-- and the short-lived links through which a person downloads their own export.

-- The audit log: who viewed, exported or erased what about whom. `actor_label` is 'cli', 'system' or a role,
-- never a name; `details` holds no personal content (ids of reflections, counts, the channel). Erasing a person
-- keeps the entries and sets their actor or subject to null. The 0001 table had a subject_email column (personal
-- content) and no link from subject_id to people; its rows are carried over without it.
CREATE TABLE audit_log_0001 AS SELECT * FROM audit_log;
DROP TABLE audit_log;
CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), actor_id int REFERENCES people (id) ON DELETE SET NULL, actor_label text NOT NULL DEFAULT '', action text NOT NULL, subject_id int REFERENCES people (id) ON DELETE SET NULL, details jsonb NOT NULL DEFAULT '{}'::jsonb);
CREATE INDEX audit_log_subject_at_idx ON audit_log (subject_id, at);
CREATE INDEX audit_log_at_idx ON audit_log (at);
-- Admin changes in chat were labelled 'chat'; the label is the role now.
INSERT INTO audit_log (at, actor_id, actor_label, action, subject_id, details)
SELECT o.at, o.actor_id, CASE WHEN o.actor_label = 'chat' THEN 'admin' ELSE o.actor_label END, o.action,
       (SELECT p.id FROM people p WHERE p.id = o.subject_id), o.details - 'personId'
  FROM audit_log_0001 o ORDER BY o.id;
DROP TABLE audit_log_0001;

-- Inbound event keys carry no person, but some contain a platform channel id; the sender's id lets erasure
-- remove them with the person (events from before this migration are matched by their identities' ids).
ALTER TABLE processed_events ADD COLUMN person_id int REFERENCES people (id) ON DELETE CASCADE;
CREATE INDEX processed_events_person_idx ON processed_events (person_id) WHERE person_id IS NOT NULL;

-- "mijn gegevens" / "my data": a link to download one's own export. Only a hash of the token is stored; the
-- link is valid for minutes, opens one person's data and goes with the person.
CREATE TABLE export_links (
  token_hash text PRIMARY KEY,
  person_id int NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX export_links_person_idx ON export_links (person_id);
CREATE INDEX export_links_expires_idx ON export_links (expires_at);
