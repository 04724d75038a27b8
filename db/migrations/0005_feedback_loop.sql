-- The conversation as students, mentors and teachers live it (feedback loop, visibility, level descriptions).

-- What each level of the scale means, shown on the self-assessment and feedback cards.
ALTER TABLE scale_levels ADD COLUMN description_nl text NOT NULL DEFAULT '';
ALTER TABLE scale_levels ADD COLUMN description_en text NOT NULL DEFAULT '';

-- The day of the learning opportunity (the shift, or the day the student named), not the day of writing.
ALTER TABLE reflections ADD COLUMN occurred_on date;

-- The visibility names the teacher too: "coach and mentors" no longer reaches a teacher asked later.
ALTER TABLE reflections DROP CONSTRAINT reflections_visibility_check;
ALTER TABLE reflections ADD CONSTRAINT reflections_visibility_check
  CHECK (visibility IN ('private', 'coach', 'coach_mentors', 'coach_mentors_teachers'));

-- Whether the addressee of a request may read the reflection's text (the visibility, or the student's yes).
ALTER TABLE feedback_requests ADD COLUMN share_text boolean NOT NULL DEFAULT false;
UPDATE feedback_requests fr SET share_text = true
  FROM reflections r WHERE r.id = fr.reflection_id AND r.visibility = 'coach_mentors' AND fr.role = 'mentor';

-- One feedback rates several indicators: the extra assessments point at the feedback they belong to.
ALTER TABLE assessments ADD COLUMN feedback_id int REFERENCES feedback (id) ON DELETE CASCADE;
CREATE INDEX assessments_feedback_idx ON assessments (feedback_id) WHERE feedback_id IS NOT NULL;

-- The student's reaction to feedback: what they take from it and the next step they plan.
ALTER TABLE feedback ADD COLUMN reaction text NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN planned_step text NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN reacted_at timestamptz;
