// Frameworks, scales, competences and indicators.
import type { Queryable } from '../db.js';

export interface FrameworkInput {
  code: string;
  nameNl: string;
  nameEn: string;
  source: string | null;
  scale: {
    value: number;
    code: string;
    labelNl: string;
    labelEn: string;
    countsAsLevel: boolean;
    colour: string | null;
    descriptionNl?: string;
    descriptionEn?: string;
  }[];
  competences: {
    code: string;
    labelNl: string;
    labelEn: string;
    indicators: {
      code: string;
      labelNl: string;
      labelEn: string;
      /** Observable behaviour per language; empty lists when the framework gives none. */
      lookFors?: { nl: string[]; en: string[] };
      /** Labelled example reflections per language; empty lists when the framework gives none. */
      examples?: { nl: string[]; en: string[] };
      /** Per scale value (as text): what the indicator looks like at that level. */
      levelDescriptions?: Record<string, { nl: string; en: string }>;
    }[];
  }[];
}

export interface FrameworkWriteResult {
  frameworkId: number;
  competences: number;
  indicators: number;
  retired: number;
  removed: number;
}

export async function writeFramework(tx: Queryable, f: FrameworkInput): Promise<FrameworkWriteResult> {
  const fw = await tx.query<{ id: number }>(
    `INSERT INTO frameworks (code, name_nl, name_en, source) VALUES ($1, $2, $3, $4)
     ON CONFLICT (code) DO UPDATE SET name_nl = EXCLUDED.name_nl, name_en = EXCLUDED.name_en,
       source = EXCLUDED.source, updated_at = now()
     RETURNING id`,
    [f.code, f.nameNl, f.nameEn, f.source],
  );
  const frameworkId = fw.rows[0]!.id;

  // Scale levels are matched by value; levels that are no longer listed go (assessments store the value).
  const scale = JSON.stringify(
    f.scale.map((s) => ({
      value: s.value,
      code: s.code,
      label_nl: s.labelNl,
      label_en: s.labelEn,
      counts_as_level: s.countsAsLevel,
      colour: s.colour,
      description_nl: s.descriptionNl ?? '',
      description_en: s.descriptionEn ?? '',
    })),
  );
  await tx.query(
    `DELETE FROM scale_levels WHERE framework_id = $1
       AND value NOT IN (SELECT (v->>'value')::int FROM jsonb_array_elements($2::jsonb) v)`,
    [frameworkId, scale],
  );
  // Codes may swap between values on re-import: clear them first so the unique (framework, code) holds.
  await tx.query(`UPDATE scale_levels SET code = '~' || id WHERE framework_id = $1`, [frameworkId]);
  await tx.query(
    `INSERT INTO scale_levels (framework_id, value, code, label_nl, label_en, counts_as_level, colour,
                               description_nl, description_en)
       SELECT $1, value, code, label_nl, label_en, counts_as_level, colour, description_nl, description_en
         FROM jsonb_to_recordset($2::jsonb)
           AS x(value int, code text, label_nl text, label_en text, counts_as_level boolean, colour text,
                description_nl text, description_en text)
     ON CONFLICT (framework_id, value) DO UPDATE SET code = EXCLUDED.code, label_nl = EXCLUDED.label_nl,
       label_en = EXCLUDED.label_en, counts_as_level = EXCLUDED.counts_as_level, colour = EXCLUDED.colour,
       description_nl = EXCLUDED.description_nl, description_en = EXCLUDED.description_en`,
    [frameworkId, scale],
  );

  const competences = JSON.stringify(
    f.competences.map((c, i) => ({ code: c.code, label_nl: c.labelNl, label_en: c.labelEn, position: i })),
  );
  await tx.query(
    `INSERT INTO competences (framework_id, code, label_nl, label_en, position)
       SELECT $1, code, label_nl, label_en, position
         FROM jsonb_to_recordset($2::jsonb) AS x(code text, label_nl text, label_en text, position int)
     ON CONFLICT (framework_id, code) DO UPDATE SET label_nl = EXCLUDED.label_nl, label_en = EXCLUDED.label_en,
       position = EXCLUDED.position`,
    [frameworkId, competences],
  );

  const indicators = JSON.stringify(
    f.competences.flatMap((c) =>
      c.indicators.map((ind, i) => ({
        competence: c.code,
        code: ind.code,
        label_nl: ind.labelNl,
        label_en: ind.labelEn,
        position: i,
        look_fors: ind.lookFors ?? { nl: [], en: [] },
        examples: ind.examples ?? { nl: [], en: [] },
        level_descriptions: ind.levelDescriptions ?? {},
      })),
    ),
  );
  await tx.query(
    `INSERT INTO indicators (framework_id, competence_id, code, label_nl, label_en, position, look_fors,
                             level_descriptions, examples)
       SELECT $1, c.id, x.code, x.label_nl, x.label_en, x.position, x.look_fors, x.level_descriptions, x.examples
         FROM jsonb_to_recordset($2::jsonb)
           AS x(competence text, code text, label_nl text, label_en text, position int, look_fors jsonb,
                level_descriptions jsonb, examples jsonb)
         JOIN competences c ON c.framework_id = $1 AND c.code = x.competence
     ON CONFLICT (framework_id, code) DO UPDATE SET competence_id = EXCLUDED.competence_id,
       label_nl = EXCLUDED.label_nl, label_en = EXCLUDED.label_en, position = EXCLUDED.position,
       look_fors = EXCLUDED.look_fors, level_descriptions = EXCLUDED.level_descriptions,
       examples = EXCLUDED.examples, retired_at = NULL`,
    [frameworkId, indicators],
  );
  // Indicators the file no longer lists: retired when anything points at them, removed otherwise.
  const gone = `framework_id = $1 AND code NOT IN (SELECT v->>'code' FROM jsonb_array_elements($2::jsonb) v)`;
  const used = `(EXISTS (SELECT 1 FROM assessments a WHERE a.indicator_id = indicators.id)
             OR EXISTS (SELECT 1 FROM reflection_indicators ri WHERE ri.indicator_id = indicators.id))`;
  const retired = await tx.query(
    `UPDATE indicators SET retired_at = now() WHERE ${gone} AND retired_at IS NULL AND ${used}`,
    [frameworkId, indicators],
  );
  const removed = await tx.query(`DELETE FROM indicators WHERE ${gone} AND NOT ${used}`, [frameworkId, indicators]);
  // Competences left without any indicator (live or retired) go too.
  await tx.query(
    `DELETE FROM competences c WHERE c.framework_id = $1
       AND c.code NOT IN (SELECT v->>'code' FROM jsonb_array_elements($2::jsonb) v)
       AND NOT EXISTS (SELECT 1 FROM indicators i WHERE i.competence_id = c.id)`,
    [frameworkId, competences],
  );
  const counts = await tx.query<{ competences: number; indicators: number }>(
    `SELECT (SELECT count(*)::int FROM competences WHERE framework_id = $1) AS competences,
            (SELECT count(*)::int FROM indicators WHERE framework_id = $1 AND retired_at IS NULL) AS indicators`,
    [frameworkId],
  );
  // Cohorts without a framework follow the only framework there is (the common single-programme school).
  await tx.query(
    `UPDATE cohorts SET framework_id = $1 WHERE framework_id IS NULL AND (SELECT count(*) FROM frameworks) = 1`,
    [frameworkId],
  );
  return {
    frameworkId,
    competences: counts.rows[0]!.competences,
    indicators: counts.rows[0]!.indicators,
    retired: retired.rowCount,
    removed: removed.rowCount,
  };
}

/** The framework with this code; without a code the first one imported (most schools have one). Null if none. */
export async function findFrameworkId(db: Queryable, code?: string): Promise<number | null> {
  const r = code
    ? await db.query<{ id: number }>('SELECT id FROM frameworks WHERE code = $1', [code])
    : await db.query<{ id: number }>('SELECT id FROM frameworks ORDER BY id LIMIT 1');
  return r.rows[0]?.id ?? null;
}
