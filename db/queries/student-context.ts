// What the reflection flow needs to know about a student: their framework (indicators, scale) and their staff.
import type { Queryable } from '../db.js';

/** The framework of the student's cohort; else the only (or first) framework there is; null when there is none. */
export async function frameworkIdForPerson(db: Queryable, personId: number): Promise<number | null> {
  const r = await db.query<{ id: number | null }>(
    `SELECT coalesce(
       (SELECT c.framework_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
         WHERE m.person_id = $1 AND c.framework_id IS NOT NULL ORDER BY c.id LIMIT 1),
       (SELECT id FROM frameworks ORDER BY id LIMIT 1)) AS id`,
    [personId],
  );
  return r.rows[0]?.id ?? null;
}

/** A student's name, locale and framework in one round trip (every feedback card and submit needs all three). */
export async function studentWithFramework(
  db: Queryable,
  personId: number,
): Promise<{ name: string; locale: string; frameworkId: number | null } | undefined> {
  const r = await db.query<{ name: string; locale: string; frameworkId: number | null }>(
    `SELECT p.name, p.locale, coalesce(
       (SELECT c.framework_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
         WHERE m.person_id = p.id AND c.framework_id IS NOT NULL ORDER BY c.id LIMIT 1),
       (SELECT id FROM frameworks ORDER BY id LIMIT 1)) AS "frameworkId"
       FROM people p WHERE p.id = $1`,
    [personId],
  );
  return r.rows[0];
}

export interface IndicatorRow {
  id: number;
  code: string;
  labelNl: string;
  labelEn: string;
  competenceLabelNl: string;
  competenceLabelEn: string;
  /** Observable behaviour that shows the indicator, per language (empty lists when the framework gives none). */
  lookFors: { nl: string[]; en: string[] };
  /** Labelled example reflections per language, for the matcher (empty lists when the framework gives none). */
  examples?: { nl: string[]; en: string[] };
  /** Per scale value (as text): what the indicator looks like at that level; `{}` when the framework gives none. */
  levelDescriptions: Record<string, { nl: string; en: string }>;
}

/** Live (not retired) indicators in framework order. */
export async function listIndicators(db: Queryable, frameworkId: number): Promise<IndicatorRow[]> {
  const r = await db.query<IndicatorRow>(
    `SELECT i.id, i.code, i.label_nl AS "labelNl", i.label_en AS "labelEn", c.label_nl AS "competenceLabelNl",
            c.label_en AS "competenceLabelEn", i.look_fors AS "lookFors", i.level_descriptions AS "levelDescriptions",
            i.examples
       FROM indicators i JOIN competences c ON c.id = i.competence_id
      WHERE i.framework_id = $1 AND i.retired_at IS NULL
      ORDER BY c.position, i.position, i.id`,
    [frameworkId],
  );
  return r.rows;
}

export interface ScaleLevelRow {
  value: number;
  code: string;
  labelNl: string;
  labelEn: string;
  countsAsLevel: boolean;
  descriptionNl: string;
  descriptionEn: string;
}

/** The scale with real levels first (ascending) and "not observed" last, as the cards show it. */
export async function listScale(db: Queryable, frameworkId: number): Promise<ScaleLevelRow[]> {
  const r = await db.query<ScaleLevelRow>(
    `SELECT value, code, label_nl AS "labelNl", label_en AS "labelEn", counts_as_level AS "countsAsLevel",
            description_nl AS "descriptionNl", description_en AS "descriptionEn" FROM scale_levels
      WHERE framework_id = $1 ORDER BY counts_as_level DESC, value`,
    [frameworkId],
  );
  return r.rows;
}

export interface StaffRow {
  id: number;
  name: string;
  email: string;
  role: 'mentor' | 'teacher' | 'coach';
  locale: string;
}

/** Mentors, teachers and coaches assigned to the student on `day` (YYYY-MM-DD). */
export async function listActiveStaff(db: Queryable, studentId: number, day: string): Promise<StaffRow[]> {
  const r = await db.query<StaffRow>(
    `SELECT p.id, p.name, p.email, a.role, p.locale FROM assignments a JOIN people p ON p.id = a.staff_id
      WHERE a.student_id = $1 AND a.starts_on <= $2::date AND (a.ends_on IS NULL OR a.ends_on >= $2::date)
      ORDER BY a.role, p.name, p.id`,
    [studentId, day],
  );
  return r.rows;
}
