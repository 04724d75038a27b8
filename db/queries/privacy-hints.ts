// Whether a student has ever started writing reflections: the privacy hint (prefer initials for clients) is shown
// with the first one only. Deleted reflections count: the student saw the hint then.
import type { Queryable } from '../db.js';

export async function hasAnyReflection(db: Queryable, personId: number): Promise<boolean> {
  const { rows } = await db.query<{ any: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM reflections WHERE person_id = $1) AS any',
    [personId],
  );
  return rows[0]?.any === true;
}
