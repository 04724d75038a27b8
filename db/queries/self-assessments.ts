// A student's self-assessment lands in `assessments` like a mentor's or teacher's: the same indicator, the
// same scale, actor_role 'student' (MICOON: three perspectives on the same indicators).
import type { Queryable } from '../db.js';

export interface NewSelfAssessment {
  indicatorId: number;
  /** null with notObserved = true: "not observed" is coverage, not a low level. */
  level: number | null;
  notObserved: boolean;
}

export async function insertSelfAssessments(
  tx: Queryable,
  input: {
    studentId: number;
    environment: string;
    observedOn: string;
    reflectionId: number;
    at: Date;
    items: NewSelfAssessment[];
  },
): Promise<void> {
  if (input.items.length === 0) return;
  await tx.query(
    `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, observed_on, level,
                              not_observed, reflection_id, created_at)
       SELECT x.indicator_id, $1, $1, 'student', $2, $3::date, x.level, x.not_observed, $4, $5
         FROM jsonb_to_recordset($6::jsonb) AS x(indicator_id int, level int, not_observed boolean)`,
    [
      input.studentId,
      input.environment,
      input.observedOn,
      input.reflectionId,
      input.at,
      JSON.stringify(
        input.items.map((i) => ({ indicator_id: i.indicatorId, level: i.level, not_observed: i.notObserved })),
      ),
    ],
  );
}
