// The MICOON view: per indicator the latest level from each perspective (student, mentor, teacher).
import type { Queryable } from '../db.js';

export interface PerspectiveRow {
  indicatorId: number;
  actorRole: 'student' | 'mentor' | 'teacher';
  level: number | null;
  notObserved: boolean;
  observedOn: string;
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
            a.indicator_id AS "indicatorId", a.actor_role AS "actorRole", a.level, a.not_observed AS "notObserved",
            to_char(a.observed_on, 'YYYY-MM-DD') AS "observedOn", a.environment
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
  competenceId: number;
  competenceCode: string;
  competenceLabelNl: string;
  competenceLabelEn: string;
  indicatorId: number;
  indicatorCode: string;
  labelNl: string;
  labelEn: string;
}

/** The framework's live indicators grouped by competence, in framework order. */
export async function frameworkOutline(db: Queryable, frameworkId: number): Promise<CompetenceRow[]> {
  const r = await db.query<CompetenceRow>(
    `SELECT c.id AS "competenceId", c.code AS "competenceCode", c.label_nl AS "competenceLabelNl",
            c.label_en AS "competenceLabelEn", i.id AS "indicatorId", i.code AS "indicatorCode", i.label_nl AS "labelNl",
            i.label_en AS "labelEn"
       FROM competences c JOIN indicators i ON i.competence_id = c.id
      WHERE c.framework_id = $1 AND i.retired_at IS NULL
      ORDER BY c.position, i.position, i.id`,
    [frameworkId],
  );
  return r.rows;
}
