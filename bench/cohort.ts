// A generated cohort with weeks of activity, written straight into the database in bulk (seeded, so every run is
// the same): coaches with their students, mentors and teachers, reflections (some private, some deleted), the
// student's self-assessments, feedback requests (answered, open, cancelled), mentor and teacher feedback (some of
// it edited), chat identities (some unreachable) and failed messages. It returns everything it wrote, so a test
// can compute the digest's numbers on its own, without SQL. Used by the digest tests and `npm run bench -- digest`.
import { readFile } from 'node:fs/promises';
import { importFramework } from '../bot/imports/framework.js';
import type { Db, Queryable } from '../db/db.js';

export interface CohortOptions {
  coaches: number;
  studentsPerCoach: number;
  weeks: number;
  now: Date;
  seed?: number;
}

export type Role = 'student' | 'mentor' | 'teacher';
export type Environment = 'workplace' | 'campus';

export interface GenPerson {
  id: number;
  name: string;
  email: string;
}
export interface GenStudent extends GenPerson {
  coachId: number;
  mentorIds: number[];
  teacherId: number;
}
export interface GenReflection {
  id: number;
  studentId: number;
  createdAt: Date;
  visibility: 'private' | 'coach' | 'coach_mentors';
  deleted: boolean;
  environment: Environment;
  indicatorIds: number[];
  body: string;
}
export interface GenAssessment {
  id: number;
  studentId: number;
  indicatorId: number;
  actorId: number;
  role: Role;
  environment: Environment;
  observedOn: string;
  level: number | null;
  createdAt: Date;
  reflectionId: number | null;
  supersedesId: number | null;
}
export interface GenRequest {
  id: number;
  studentId: number;
  requestedOf: number;
  role: 'mentor' | 'teacher';
  reflectionId: number;
  environment: Environment;
  status: 'open' | 'answered' | 'cancelled';
  createdAt: Date;
}
export interface GenFeedback {
  id: number;
  assessmentId: number;
  requestId: number | null;
  authorId: number;
  studentId: number;
  nextStep: string;
  createdAt: Date;
}

export interface CohortModel {
  now: Date;
  frameworkId: number;
  indicatorIds: number[];
  coaches: GenPerson[];
  students: GenStudent[];
  /** Students once assigned to a coach whose assignment has ended (studentId, former coach). */
  endedCoachAssignments: { studentId: number; coachId: number }[];
  reflections: GenReflection[];
  assessments: GenAssessment[];
  requests: GenRequest[];
  feedback: GenFeedback[];
  identities: { personId: number; reachable: boolean }[];
  failedMessages: { personId: number; createdAt: Date }[];
}

const DAY = 86_400_000;

/** Small, fast, seeded PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

async function nextId(db: Queryable, table: string): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT coalesce(max(id), 0)::int + 1 AS n FROM ${table}`);
  return r.rows[0]!.n;
}

/** Inserts rows with their own ids through one jsonb parameter, in chunks; the identity sequence follows. */
async function bulkInsert(
  db: Queryable,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
  chunk = 2_000,
): Promise<void> {
  const names = Object.keys(columns);
  const defs = names.map((n) => `${n} ${columns[n]}`).join(', ');
  for (let i = 0; i < rows.length; i += chunk) {
    await db.query(
      `INSERT INTO ${table} (${names.join(', ')}) OVERRIDING SYSTEM VALUE
       SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${defs})`,
      [JSON.stringify(rows.slice(i, i + chunk))],
    );
  }
  if (names.includes('id') && rows.length > 0) {
    await db.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
  }
}

const demoFramework = () => readFile(new URL('../db/demo/framework-social-work.yaml', import.meta.url), 'utf8');

export async function generateCohort(db: Db, o: CohortOptions): Promise<CohortModel> {
  const random = rng(o.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  await importFramework(db, 'framework.yaml', await demoFramework());
  const fw = await db.query<{ id: number }>('SELECT id FROM frameworks ORDER BY id DESC LIMIT 1');
  const frameworkId = fw.rows[0]!.id;
  const indicatorIds = (
    await db.query<{ id: number }>(
      'SELECT i.id FROM indicators i JOIN competences c ON c.id = i.competence_id WHERE i.framework_id = $1 ORDER BY c.position, i.position, i.id',
      [frameworkId],
    )
  ).rows.map((r) => r.id);
  const cohortCode = `GEN-${o.seed ?? 42}-${o.now.getTime()}`;
  const cohort = await db.query<{ id: number }>(
    'INSERT INTO cohorts (code, framework_id) VALUES ($1, $2) RETURNING id',
    [cohortCode, frameworkId],
  );
  const cohortId = cohort.rows[0]!.id;

  let personId = await nextId(db, 'people');
  const people: Record<string, unknown>[] = [];
  const addPerson = (name: string, email: string, roles: string[]) => {
    const id = personId++;
    people.push({ id, email, name, roles, locale: 'nl-BE', time_zone: 'Europe/Brussels' });
    return { id, name, email };
  };
  const tag = `${o.seed ?? 42}x${o.now.getTime().toString(36)}`;
  const coaches = Array.from({ length: o.coaches }, (_, c) =>
    addPerson(`Coach ${c} ${tag}`, `coach${c}.${tag}@school.example.be`, ['coach']),
  );
  const mentorsPerCoach = Math.max(2, Math.ceil(o.studentsPerCoach / 3));
  const students: GenStudent[] = [];
  const assignments: Record<string, unknown>[] = [];
  const start = isoDay(new Date(o.now.getTime() - (o.weeks * 7 + 7) * DAY));
  coaches.forEach((coach, c) => {
    const mentors = Array.from({ length: mentorsPerCoach }, (_, m) =>
      addPerson(`Mentor ${c}-${m} ${tag}`, `mentor${c}-${m}.${tag}@work.example.be`, ['mentor']),
    );
    const teacher = addPerson(`Docent ${c} ${tag}`, `teacher${c}.${tag}@school.example.be`, ['teacher']);
    for (let s = 0; s < o.studentsPerCoach; s++) {
      const p = addPerson(`Student ${c}-${s} ${tag}`, `student${c}-${s}.${tag}@student.example.be`, ['student']);
      const mentorIds = [mentors[s % mentors.length]!.id];
      if (s % 2 === 0) mentorIds.push(mentors[(s + 1) % mentors.length]!.id);
      students.push({ ...p, coachId: coach.id, mentorIds, teacherId: teacher.id });
      assignments.push({ student_id: p.id, staff_id: coach.id, role: 'coach', starts_on: start, ends_on: null });
      for (const m of mentorIds)
        assignments.push({ student_id: p.id, staff_id: m, role: 'mentor', starts_on: start, ends_on: null });
      assignments.push({ student_id: p.id, staff_id: teacher.id, role: 'teacher', starts_on: start, ends_on: null });
    }
  });
  // The first student of each coach was first coached by the next coach: an ended assignment.
  const endedCoachAssignments: CohortModel['endedCoachAssignments'] = [];
  if (coaches.length > 1) {
    coaches.forEach((_, c) => {
      const student = students[c * o.studentsPerCoach]!;
      const former = coaches[(c + 1) % coaches.length]!;
      endedCoachAssignments.push({ studentId: student.id, coachId: former.id });
      assignments.push({
        student_id: student.id,
        staff_id: former.id,
        role: 'coach',
        starts_on: start,
        ends_on: isoDay(new Date(o.now.getTime() - 30 * DAY)),
      });
    });
  }

  const reflections: GenReflection[] = [];
  const assessments: GenAssessment[] = [];
  const requests: GenRequest[] = [];
  const feedback: GenFeedback[] = [];
  let reflectionId = await nextId(db, 'reflections');
  let assessmentId = await nextId(db, 'assessments');
  let requestId = await nextId(db, 'feedback_requests');
  let feedbackId = await nextId(db, 'feedback');
  const horizon = o.weeks * 7 * DAY;

  for (const student of students) {
    // Some students stop reflecting (no reflection in the last 2–3 weeks), a few never start.
    const kind = random();
    const stopsAt = kind < 0.05 ? horizon + 1 : kind < 0.2 ? (14 + Math.floor(random() * 10)) * DAY : 0;
    for (let w = 0; w < o.weeks; w++) {
      const count = Math.floor(random() * 4);
      for (let k = 0; k < count; k++) {
        const ago = w * 7 * DAY + Math.floor(random() * 7 * DAY);
        if (ago < stopsAt) continue;
        const createdAt = new Date(o.now.getTime() - ago);
        const r = random();
        const visibility = r < 0.2 ? 'private' : r < 0.7 ? 'coach' : 'coach_mentors';
        const environment: Environment = random() < 0.7 ? 'workplace' : 'campus';
        const linked = [pick(indicatorIds)];
        if (random() < 0.5) {
          const other = pick(indicatorIds);
          if (!linked.includes(other)) linked.push(other);
        }
        const id = reflectionId++;
        const reflection: GenReflection = {
          id,
          studentId: student.id,
          createdAt,
          visibility,
          deleted: random() < 0.05,
          environment,
          indicatorIds: linked,
          body: `${visibility === 'private' ? 'PRIVATE' : 'REFLTEXT'}-${id} Ik voerde een gesprek met een cliënt.`,
        };
        reflections.push(reflection);
        if (random() < 0.5) {
          const level = random() < 0.1 ? null : 1 + Math.floor(random() * 4);
          assessments.push({
            id: assessmentId++,
            studentId: student.id,
            indicatorId: linked[0]!,
            actorId: student.id,
            role: 'student',
            environment,
            observedOn: isoDay(createdAt),
            level,
            createdAt,
            reflectionId: id,
            supersedesId: null,
          });
        }
        if (visibility === 'private' || random() < 0.5) continue;
        const role = environment === 'campus' ? 'teacher' : 'mentor';
        const to = role === 'teacher' ? student.teacherId : pick(student.mentorIds);
        const answered = random() < 0.65;
        const answerAt = new Date(createdAt.getTime() + Math.floor(random() * 4 * DAY));
        const status = answered && answerAt <= o.now ? 'answered' : random() < 0.1 ? 'cancelled' : 'open';
        const request: GenRequest = {
          id: requestId++,
          studentId: student.id,
          requestedOf: to,
          role,
          reflectionId: id,
          environment,
          status,
          createdAt,
        };
        requests.push(request);
        if (status !== 'answered') continue;
        const level = random() < 0.1 ? null : 1 + Math.floor(random() * 4);
        const a: GenAssessment = {
          id: assessmentId++,
          studentId: student.id,
          indicatorId: pick(linked),
          actorId: to,
          role,
          environment,
          observedOn: isoDay(answerAt),
          level,
          createdAt: answerAt,
          reflectionId: null,
          supersedesId: null,
        };
        assessments.push(a);
        feedback.push({
          id: feedbackId++,
          assessmentId: a.id,
          requestId: request.id,
          authorId: to,
          studentId: student.id,
          nextStep: `STEP-${feedbackId} Vat het gesprek samen.`,
          createdAt: answerAt,
        });
        // Now and then the mentor edits: a new version that supersedes the first.
        if (random() < 0.1) {
          const editedAt = new Date(Math.min(o.now.getTime(), answerAt.getTime() + DAY));
          const edit: GenAssessment = {
            ...a,
            id: assessmentId++,
            level: 1 + Math.floor(random() * 4),
            createdAt: editedAt,
            supersedesId: a.id,
          };
          assessments.push(edit);
          feedback.push({
            id: feedbackId++,
            assessmentId: edit.id,
            requestId: request.id,
            authorId: to,
            studentId: student.id,
            nextStep: `STEP-${feedbackId} Vraag door.`,
            createdAt: editedAt,
          });
        }
      }
    }
  }

  const identities: CohortModel['identities'] = [];
  const failedMessages: CohortModel['failedMessages'] = [];
  for (const s of students) {
    const r = random();
    identities.push({ personId: s.id, reachable: r >= 0.05 });
    if (r >= 0.05 && r < 0.1) failedMessages.push({ personId: s.id, createdAt: new Date(o.now.getTime() - 3 * DAY) });
    // Old failures (before the 14-day window) do not count.
    if (r >= 0.1 && r < 0.13) failedMessages.push({ personId: s.id, createdAt: new Date(o.now.getTime() - 20 * DAY) });
  }

  for (let i = 0; i < people.length; i += 2_000) {
    await db.query(
      `INSERT INTO people (id, email, name, roles, locale, time_zone) OVERRIDING SYSTEM VALUE
       SELECT x.id, x.email, x.name, ARRAY(SELECT jsonb_array_elements_text(x.roles)), x.locale, x.time_zone
         FROM jsonb_to_recordset($1::jsonb) AS x(id int, email text, name text, roles jsonb, locale text, time_zone text)`,
      [JSON.stringify(people.slice(i, i + 2_000))],
    );
  }
  await db.query(`SELECT setval(pg_get_serial_sequence('people', 'id'), (SELECT max(id) FROM people))`);
  await db.query(
    `INSERT INTO cohort_members (cohort_id, person_id)
     SELECT $1, (jsonb_array_elements_text($2::jsonb))::int`,
    [cohortId, JSON.stringify(students.map((s) => s.id))],
  );
  await bulkInsert(
    db,
    'assignments',
    { student_id: 'int', staff_id: 'int', role: 'text', starts_on: 'date', ends_on: 'date' },
    assignments,
  );
  await bulkInsert(
    db,
    'reflections',
    {
      id: 'int',
      person_id: 'int',
      model: 'text',
      environment: 'text',
      body: 'text',
      visibility: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
      deleted_at: 'timestamptz',
    },
    reflections.map((r) => ({
      id: r.id,
      person_id: r.studentId,
      model: 'starr',
      environment: r.environment,
      body: r.body,
      visibility: r.visibility,
      created_at: r.createdAt.toISOString(),
      updated_at: r.createdAt.toISOString(),
      deleted_at: r.deleted ? r.createdAt.toISOString() : null,
    })),
  );
  await bulkInsert(
    db,
    'reflection_indicators',
    { reflection_id: 'int', indicator_id: 'int', suggested: 'boolean', confirmed_at: 'timestamptz' },
    reflections.flatMap((r) =>
      r.indicatorIds.map((i) => ({
        reflection_id: r.id,
        indicator_id: i,
        suggested: true,
        confirmed_at: r.createdAt.toISOString(),
      })),
    ),
  );
  await bulkInsert(
    db,
    'feedback_requests',
    {
      id: 'int',
      student_id: 'int',
      requested_of: 'int',
      role: 'text',
      reflection_id: 'int',
      environment: 'text',
      status: 'text',
      created_at: 'timestamptz',
    },
    requests.map((q) => ({
      id: q.id,
      student_id: q.studentId,
      requested_of: q.requestedOf,
      role: q.role,
      reflection_id: q.reflectionId,
      environment: q.environment,
      status: q.status,
      created_at: q.createdAt.toISOString(),
    })),
  );
  await bulkInsert(
    db,
    'assessments',
    {
      id: 'int',
      indicator_id: 'int',
      assessed_id: 'int',
      actor_id: 'int',
      actor_role: 'text',
      environment: 'text',
      observed_on: 'date',
      level: 'int',
      not_observed: 'boolean',
      reflection_id: 'int',
      supersedes_id: 'int',
      created_at: 'timestamptz',
    },
    assessments.map((a) => ({
      id: a.id,
      indicator_id: a.indicatorId,
      assessed_id: a.studentId,
      actor_id: a.actorId,
      actor_role: a.role,
      environment: a.environment,
      observed_on: a.observedOn,
      level: a.level,
      not_observed: a.level === null,
      reflection_id: a.reflectionId,
      supersedes_id: a.supersedesId,
      created_at: a.createdAt.toISOString(),
    })),
  );
  await bulkInsert(
    db,
    'feedback',
    {
      id: 'int',
      assessment_id: 'int',
      request_id: 'int',
      author_id: 'int',
      student_id: 'int',
      next_step: 'text',
      created_at: 'timestamptz',
    },
    feedback.map((f) => ({
      id: f.id,
      assessment_id: f.assessmentId,
      request_id: f.requestId,
      author_id: f.authorId,
      student_id: f.studentId,
      next_step: f.nextStep,
      created_at: f.createdAt.toISOString(),
    })),
  );
  await db.query(
    `INSERT INTO platform_identities (person_id, platform, tenant_id, user_id, reachable)
     SELECT x.person_id, 'web', 'local', 'gen-' || x.person_id, x.reachable
       FROM jsonb_to_recordset($1::jsonb) AS x(person_id int, reachable boolean)`,
    [JSON.stringify(identities.map((i) => ({ person_id: i.personId, reachable: i.reachable })))],
  );
  await db.query(
    `INSERT INTO outbox (dedupe_key, person_id, payload, status, created_at, last_error_class)
     SELECT 'gen-failed:' || x.person_id || ':' || x.n, x.person_id, '{"text":"nudge"}'::jsonb, 'failed', x.created_at, 'recipient'
       FROM jsonb_to_recordset($1::jsonb) AS x(person_id int, n int, created_at timestamptz)`,
    [
      JSON.stringify(
        failedMessages.map((f, n) => ({ person_id: f.personId, n, created_at: f.createdAt.toISOString() })),
      ),
    ],
  );
  return {
    now: o.now,
    frameworkId,
    indicatorIds,
    coaches,
    students,
    endedCoachAssignments,
    reflections,
    assessments,
    requests,
    feedback,
    identities,
    failedMessages,
  };
}
