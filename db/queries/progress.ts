// The MICOON view: per indicator the latest level from each perspective (student, mentor, teacher).
import type { Queryable } from '../db.js';

export interface PerspectiveRow {
  indicator_id: number;
  actor_role: 'student' | 'mentor' | 'teacher';
  level: number | null;
  not_observed: boolean;
  observed_on: string;
  environment: string;
}

/**
 * Latest current (not superseded) assessment per indicator and perspective for one student. Others than the
 * student do not see self-assessments made in a reflection the student kept private.
 */
export async function latestPerspectives(
  db: Queryable,
  studentId: number,
  viewerIsStudent = true,
): Promise<PerspectiveRow[]> {
  const r = await db.query<PerspectiveRow>(
    `SELECT DISTINCT ON (a.indicator_id, a.actor_role)
            a.indicator_id, a.actor_role, a.level, a.not_observed,
            to_char(a.observed_on, 'YYYY-MM-DD') AS observed_on, a.environment
       FROM assessments a
      LEFT JOIN reflections pr ON pr.id = a.reflection_id
      WHERE a.assessed_id = $1
        AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.supersedes_id = a.id)
        AND ($2::boolean OR a.actor_role <> 'student' OR pr.visibility IS DISTINCT FROM 'private')
      ORDER BY a.indicator_id, a.actor_role, a.observed_on DESC, a.created_at DESC, a.id DESC`,
    [studentId, viewerIsStudent],
  );
  return r.rows;
}

export interface CompetenceRow {
  competence_id: number;
  competence_code: string;
  competence_label_nl: string;
  competence_label_en: string;
  indicator_id: number;
  indicator_code: string;
  label_nl: string;
  label_en: string;
}

/** The framework's live indicators grouped by competence, in framework order. */
export async function frameworkOutline(db: Queryable, frameworkId: number): Promise<CompetenceRow[]> {
  const r = await db.query<CompetenceRow>(
    `SELECT c.id AS competence_id, c.code AS competence_code, c.label_nl AS competence_label_nl,
            c.label_en AS competence_label_en, i.id AS indicator_id, i.code AS indicator_code, i.label_nl, i.label_en
       FROM competences c JOIN indicators i ON i.competence_id = c.id
      WHERE c.framework_id = $1 AND i.retired_at IS NULL
      ORDER BY c.position, i.position, i.id`,
    [frameworkId],
  );
  return r.rows;
}
