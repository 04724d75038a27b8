// Retention per data class (bot/privacy/retention.ts, db/queries/retention.ts) on every test database. Rows are
// aged with SQL (now() - interval …) with days of margin either side of each limit, so nothing depends on timing:
// what is past retention is gone, what is not stays, links between classes hold, and the dry run agrees.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeCommand, resolveCommand } from '../../app/cli/dispatch.js';
import { ConfigError, loadConfig } from '../../bot/config/env.js';
import { importFramework } from '../../bot/imports/framework.js';
import { importRoster } from '../../bot/imports/roster.js';
import { silentLogger } from '../../bot/log/logger.js';
import {
  createRetentionTask,
  previewRetention,
  type RetentionPolicy,
  retentionPolicy,
  runRetention,
} from '../../bot/privacy/retention.js';
import type { Db } from '../../db/db.js';
import { RETENTION_STEPS } from '../../db/queries/retention.js';
import { databases } from '../support/databases.js';

const demo = (name: string) => readFileSync(new URL(`../../db/demo/${name}`, import.meta.url), 'utf8');

const POLICY: RetentionPolicy = {
  conversations: 30,
  reflections: 1280,
  deletedReflections: 0,
  assessments: 1280,
  shifts: 365,
  outbox: 30,
  events: 7,
  audit: 730,
};

describe('retention settings', () => {
  it('has documented defaults and refuses values outside their range in one line naming the variable', () => {
    expect(retentionPolicy(loadConfig({}))).toEqual(POLICY);
    expect(loadConfig({}).LEERKANS_RETENTION_CRON).toBe('30 3 * * *');
    expect(retentionPolicy(loadConfig({ LEERKANS_RETAIN_REFLECTIONS_DAYS: '400' })).reflections).toBe(400);
    expect(() => loadConfig({ LEERKANS_RETAIN_OUTBOX_DAYS: '3' })).toThrow(
      new ConfigError('Invalid LEERKANS_RETAIN_OUTBOX_DAYS: expected a number of days from 14 to 3650 (got "3")'),
    );
    expect(() => loadConfig({ LEERKANS_RETAIN_AUDIT_DAYS: 'two years' })).toThrow(
      'Invalid LEERKANS_RETAIN_AUDIT_DAYS: expected a number of days',
    );
    expect(() => loadConfig({ LEERKANS_RETENTION_CRON: '30 3 * *' })).toThrow('Invalid LEERKANS_RETENTION_CRON');
  });
});

describe.each(databases)('retention on $name', ({ create }) => {
  let db: Db;
  const ids = { amira: 0, tom: 0, noor: 0, jan: 0 };
  const one = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> =>
    (await db.query<T>(sql, params)).rows[0]!;
  const id = async (sql: string, params: unknown[] = []) => (await one<{ id: number }>(sql, params)).id;
  const count = async (sql: string, params: unknown[] = []) => (await one<{ n: number }>(sql, params)).n;

  const reflection = (
    personId: number,
    daysOld: number,
    deletedDaysAgo: number | null = null,
    shiftId = null as number | null,
  ) =>
    id(
      `INSERT INTO reflections (person_id, model, body, created_at, deleted_at, shift_id)
       VALUES ($1, 'starr', 'tekst', now() - make_interval(days => $2),
               CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END, $4) RETURNING id`,
      [personId, daysOld, deletedDaysAgo, shiftId],
    );
  const tagIndicators = (reflectionId: number, codes: string[]) =>
    db.query(
      `INSERT INTO reflection_indicators (reflection_id, indicator_id)
       SELECT $1, id FROM indicators WHERE code = ANY ($2::text[])`,
      [reflectionId, codes],
    );
  const selfAssessment = (studentId: number, reflectionId: number | null, daysOld: number) =>
    id(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, level, reflection_id, created_at)
       SELECT i.id, $1, $1, 'student', 'workplace', 2, $2, now() - make_interval(days => $3)
         FROM indicators i WHERE i.code = 'SW1.3' RETURNING id`,
      [studentId, reflectionId, daysOld],
    );
  const request = (
    studentId: number,
    mentorId: number,
    reflectionId: number | null,
    daysOld: number,
    status = 'answered',
  ) =>
    id(
      `INSERT INTO feedback_requests (student_id, requested_of, role, reflection_id, status, created_at)
       VALUES ($1, $2, 'mentor', $3, $4, now() - make_interval(days => $5)) RETURNING id`,
      [studentId, mentorId, reflectionId, status, daysOld],
    );
  /** A feedback rating two indicators: its first assessment, the feedback row, and one further rating. */
  const feedback = async (studentId: number, mentorId: number, requestId: number | null, daysOld: number) => {
    const first = await id(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, level, feedback_request_id, created_at)
       SELECT i.id, $1, $2, 'mentor', 'workplace', 3, $3, now() - make_interval(days => $4)
         FROM indicators i WHERE i.code = 'SW1.3' RETURNING id`,
      [studentId, mentorId, requestId, daysOld],
    );
    const feedbackId = await id(
      `INSERT INTO feedback (assessment_id, request_id, author_id, student_id, next_step, created_at)
       VALUES ($1, $2, $3, $4, 'Volgende keer eerst samenvatten.', now() - make_interval(days => $5)) RETURNING id`,
      [first, requestId, mentorId, studentId, daysOld],
    );
    await db.query(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, level, feedback_request_id,
                                feedback_id, created_at)
       SELECT i.id, $1, $2, 'mentor', 'workplace', 2, $3, $4, now() - make_interval(days => $5)
         FROM indicators i WHERE i.code = 'SW1.1'`,
      [studentId, mentorId, requestId, feedbackId, daysOld],
    );
    return { first, feedbackId };
  };
  const shift = (personId: number, endedDaysAgo: number) =>
    id(
      `INSERT INTO shifts (person_id, starts_at, ends_at, workplace)
       VALUES ($1, now() - make_interval(days => $2, hours => 8), now() - make_interval(days => $2), 'OCMW Gent')
       RETURNING id`,
      [personId, endedDaysAgo],
    );
  const nudge = (personId: number, shiftId: number | null, dueDaysAgo: number, key: string) =>
    id(
      `INSERT INTO nudges (dedupe_key, person_id, shift_id, occurrence, due_at, status)
       VALUES ($1, $2, $3, now() - make_interval(days => $4), now() - make_interval(days => $4), 'planned') RETURNING id`,
      [key, personId, shiftId, dueDaysAgo],
    );
  const message = (personId: number, key: string, status: string, daysOld: number) =>
    id(
      `INSERT INTO outbox (dedupe_key, person_id, payload, status, created_at, next_attempt_at, sent_at)
       VALUES ($1, $2, '{"text":"hallo"}', $3, now() - make_interval(days => $4), now() - make_interval(days => $4),
               CASE WHEN $3 = 'sent' THEN now() - make_interval(days => $4) END) RETURNING id`,
      [key, personId, status, daysOld],
    );
  const exists = async (table: string, rowId: number) =>
    (await count(`SELECT count(*)::int AS n FROM ${table} WHERE id = $1`, [rowId])) === 1;

  beforeEach(async () => {
    db = await create();
    await importFramework(db, 'f.yaml', demo('framework-social-work.yaml'));
    await importRoster(db, 'r.csv', demo('roster-demo.csv'), { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
    for (const [name, email] of [
      ['amira', 'amira.elidrissi@student.example.be'],
      ['tom', 'tom.vermeulen@student.example.be'],
      ['noor', 'noor.jacobs@student.example.be'],
      ['jan', 'jan.peeters@ocmw.example.be'],
    ] as const) {
      ids[name] = await id('SELECT id FROM people WHERE email = $1', [email]);
    }
  });
  afterEach(async () => {
    await db.close();
  });

  it('deletes what is past retention in every class and keeps the rest; the dry run said so beforehand', async () => {
    const { amira, tom, noor, jan } = ids;
    // Conversation state: idle for 31 days goes, 29 days stays.
    await db.query(
      `INSERT INTO conversations (person_id, flow, step, state, updated_at) VALUES
         ($1, 'reflection', 'situation', '{"answers":{"situation":"concept"}}', now() - interval '31 days'),
         ($2, 'reflection', 'situation', '{}', now() - interval '29 days')`,
      [amira, tom],
    );
    // A reflection past retention, with its indicators, self-assessment, request and feedback: all of it goes.
    const oldShift = await shift(amira, 1290);
    const oldReflection = await reflection(amira, 1290, null, oldShift);
    await tagIndicators(oldReflection, ['SW1.1', 'SW1.3']);
    const oldSelf = await selfAssessment(amira, oldReflection, 1290);
    const oldRequest = await request(amira, jan, oldReflection, 1289);
    const oldFeedback = await feedback(amira, jan, oldRequest, 1288);
    // A recent reflection stays with everything about it.
    const newReflection = await reflection(amira, 10);
    await tagIndicators(newReflection, ['SW1.3']);
    const newSelf = await selfAssessment(amira, newReflection, 10);
    const newRequest = await request(amira, jan, newReflection, 9);
    const newFeedback = await feedback(amira, jan, newRequest, 8);
    // Deleted by the student yesterday (grace 0 days): removed for good; the withdrawn request stays (recent).
    const deleted = await reflection(tom, 5, 1);
    await tagIndicators(deleted, ['SW1.1']);
    const withdrawn = await request(tom, jan, deleted, 5, 'cancelled');
    // Shifts: ended 400 days ago goes (with its nudge), unless a kept reflection is about it; 10 days stays.
    const lonelyShift = await shift(noor, 400);
    const shiftNudge = await nudge(noor, lonelyShift, 25, 'nudge:1:noor:a');
    const reflectedShift = await shift(noor, 400);
    const reflectedOn = await reflection(noor, 399, null, reflectedShift);
    const recentShift = await shift(noor, 10);
    // Nudges: 31 days goes, 29 stays.
    const oldNudge = await nudge(noor, null, 31, 'nudge:1:noor:b');
    const newNudge = await nudge(noor, recentShift, 9, 'nudge:1:noor:c');
    // Outbox: finished and older than 30 days goes; pending never; an open request's card stays while it is open.
    const openRequest = await request(tom, jan, null, 60, 'open');
    const kept = {
      sentRecently: await message(tom, 'reply:a:0', 'sent', 29),
      pendingOld: await message(tom, 'reply:b:0', 'pending', 60),
      openCard: await message(jan, `feedback-request:${openRequest}`, 'sent', 60),
    };
    const gone = {
      sentOld: await message(tom, 'reply:c:0', 'sent', 31),
      failedOld: await message(tom, 'reply:d:0', 'failed', 45),
      answeredCard: await message(jan, `feedback-request:${newRequest}`, 'sent', 40),
      answeredReminder: await message(jan, `feedback-reminder:${newRequest}`, 'sent', 35),
    };
    // Processed events: 8 days goes, 6 stays. Audit: 731 days goes, 729 stays.
    await db.query(
      `INSERT INTO processed_events (key, received_at) VALUES ('slack:old', now() - interval '8 days'),
         ('slack:new', now() - interval '6 days')`,
    );
    await db.query(
      `INSERT INTO audit_log (action, actor_label, at) VALUES ('export', 'cli', now() - interval '731 days'),
         ('export', 'cli', now() - interval '729 days')`,
    );

    // Links: expired a minute ago goes, valid for another ten minutes stays.
    await db.query(
      `INSERT INTO export_links (token_hash, person_id, expires_at) VALUES
         ('expired-export', $1, now() - interval '1 minute'), ('valid-export', $1, now() + interval '10 minutes')`,
      [tom],
    );
    await db.query(
      `INSERT INTO chart_tokens (token_hash, kind, subject_id, viewer_id, locale, expires_at) VALUES
         ('expired-chart', 'student', $1, $1, 'nl', now() - interval '1 minute'),
         ('valid-chart', 'student', $1, $1, 'nl', now() + interval '10 minutes')`,
      [tom],
    );

    const expected = {
      conversations: 1,
      deletedReflections: 1,
      reflections: 1,
      reflectionIndicators: 3,
      feedback: 1,
      feedbackRatings: 1,
      assessments: 1,
      feedbackRequests: 1,
      shifts: 2,
      shiftNudges: 1,
      outbox: 4,
      nudges: 1,
      processedEvents: 1,
      audit: 1,
      retentionRuns: 0,
      exportLinks: 1,
      chartTokens: 1,
    };
    expect(await previewRetention(db, POLICY)).toEqual(expected);
    const report = await runRetention(db, POLICY, { trigger: 'cli', logger: silentLogger });
    expect(report?.deleted).toEqual(expected);

    // Gone.
    expect(await count('SELECT count(*)::int AS n FROM conversations WHERE person_id = $1', [amira])).toBe(0);
    for (const r of [oldReflection, deleted]) expect(await exists('reflections', r)).toBe(false);
    expect(
      await count('SELECT count(*)::int AS n FROM reflection_indicators WHERE reflection_id = ANY ($1::int[])', [
        [oldReflection, deleted],
      ]),
    ).toBe(0);
    for (const a of [oldSelf, oldFeedback.first]) expect(await exists('assessments', a)).toBe(false);
    expect(await exists('feedback', oldFeedback.feedbackId)).toBe(false);
    expect(
      await count('SELECT count(*)::int AS n FROM assessments WHERE feedback_id = $1', [oldFeedback.feedbackId]),
    ).toBe(0);
    expect(await exists('feedback_requests', oldRequest)).toBe(false);
    for (const s of [oldShift, lonelyShift]) expect(await exists('shifts', s)).toBe(false);
    for (const n of [shiftNudge, oldNudge]) expect(await exists('nudges', n)).toBe(false);
    for (const m of Object.values(gone)) expect(await exists('outbox', m)).toBe(false);

    // Kept.
    expect(await count('SELECT count(*)::int AS n FROM conversations WHERE person_id = $1', [tom])).toBe(1);
    for (const r of [newReflection, reflectedOn]) expect(await exists('reflections', r)).toBe(true);
    expect(
      await count('SELECT count(*)::int AS n FROM reflection_indicators WHERE reflection_id = $1', [newReflection]),
    ).toBe(1);
    for (const a of [newSelf, newFeedback.first]) expect(await exists('assessments', a)).toBe(true);
    expect(
      await count('SELECT count(*)::int AS n FROM assessments WHERE feedback_id = $1', [newFeedback.feedbackId]),
    ).toBe(1);
    expect(await exists('feedback', newFeedback.feedbackId)).toBe(true);
    for (const r of [newRequest, openRequest]) expect(await exists('feedback_requests', r)).toBe(true);
    // The withdrawn request outlives its deleted reflection, without the link.
    expect(await one('SELECT reflection_id FROM feedback_requests WHERE id = $1', [withdrawn])).toEqual({
      reflection_id: null,
    });
    for (const s of [reflectedShift, recentShift]) expect(await exists('shifts', s)).toBe(true);
    expect(await exists('nudges', newNudge)).toBe(true);
    for (const m of Object.values(kept)) expect(await exists('outbox', m)).toBe(true);
    expect(await count('SELECT count(*)::int AS n FROM processed_events')).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(1);
    expect(await one('SELECT token_hash FROM export_links')).toEqual({ token_hash: 'valid-export' });
    expect(await one('SELECT token_hash FROM chart_tokens')).toEqual({ token_hash: 'valid-chart' });

    // The run is recorded with its counts (no personal data), and a second run finds nothing more.
    const run = await one<{ trigger: string; finished: boolean; deleted: object }>(
      'SELECT trigger, finished_at IS NOT NULL AS finished, deleted FROM retention_runs WHERE id = $1',
      [report!.runId],
    );
    expect(run).toEqual({ trigger: 'cli', finished: true, deleted: expected });
    const again = await runRetention(db, POLICY, { trigger: 'cli', logger: silentLogger });
    expect(Object.values(again!.deleted).every((n) => n === 0)).toBe(true);
  });

  it('keeps assessments, feedback and requests as long as the reflection they are about, and no longer', async () => {
    const { amira, jan } = ids;
    // Assessments kept 60 days, reflections 1280: feedback 100 days old on a kept reflection stays …
    const policy = { ...POLICY, assessments: 60 };
    const keptReflection = await reflection(amira, 100);
    const self = await selfAssessment(amira, keptReflection, 100);
    const onKept = await request(amira, jan, keptReflection, 100);
    const keptFeedback = await feedback(amira, jan, onKept, 99);
    // … feedback as old outside any reflection goes, with its request and its further rating …
    const loose = await request(amira, jan, null, 100);
    const looseFeedback = await feedback(amira, jan, loose, 99);
    // … and so does a self-assessment whose reflection is gone.
    const orphanSelf = await selfAssessment(amira, null, 100);
    const report = await runRetention(db, policy, { trigger: 'cli', logger: silentLogger });
    expect(report?.deleted).toMatchObject({ feedback: 1, feedbackRatings: 1, assessments: 1, feedbackRequests: 1 });
    for (const a of [self, keptFeedback.first]) expect(await exists('assessments', a)).toBe(true);
    expect(await exists('feedback', keptFeedback.feedbackId)).toBe(true);
    expect(await exists('feedback_requests', onKept)).toBe(true);
    for (const a of [orphanSelf, looseFeedback.first]) expect(await exists('assessments', a)).toBe(false);
    expect(await exists('feedback', looseFeedback.feedbackId)).toBe(false);
    expect(await exists('feedback_requests', loose)).toBe(false);

    // Once the reflection itself is past retention, all of it goes in one run.
    const later = await runRetention(db, { ...policy, reflections: 90 }, { trigger: 'cli', logger: silentLogger });
    expect(later?.deleted).toMatchObject({
      reflections: 1,
      feedback: 1,
      feedbackRatings: 1,
      assessments: 1,
      feedbackRequests: 1,
    });
    expect(
      await count(
        `SELECT ((SELECT count(*) FROM reflections) + (SELECT count(*) FROM assessments) + (SELECT count(*) FROM feedback)
                 + (SELECT count(*) FROM feedback_requests))::int AS n`,
      ),
    ).toBe(0);
  });

  it('deletes a backlog larger than a batch in several transactions, and two runs at once delete each row once', async () => {
    await db.query(
      `INSERT INTO processed_events (key, received_at)
       SELECT 'teams:' || g, now() - interval '30 days' FROM generate_series(1, 2500) g`,
    );
    const report = await runRetention(db, POLICY, { trigger: 'cli', logger: silentLogger, batchSize: 1000 });
    expect(report?.deleted.processedEvents).toBe(2500);
    // One batch per step, two more for processed events (1000 + 1000 + 500).
    expect(report?.batches).toBe(RETENTION_STEPS.length + 2);

    await db.query(
      `INSERT INTO processed_events (key, received_at)
       SELECT 'slack:' || g, now() - interval '30 days' FROM generate_series(1, 1500) g`,
    );
    const [a, b] = await Promise.all([
      runRetention(db, POLICY, { trigger: 'cli', logger: silentLogger, batchSize: 200 }),
      runRetention(db, POLICY, { trigger: 'cli', logger: silentLogger, batchSize: 200 }),
    ]);
    expect((a?.deleted.processedEvents ?? 0) + (b?.deleted.processedEvents ?? 0)).toBe(1500);
    expect(await count('SELECT count(*)::int AS n FROM processed_events')).toBe(0);
  });

  it('runs once per daily occurrence across instances, catches up after downtime, and retries after a failure', async () => {
    let now = new Date('2026-03-10T12:00:00Z');
    const task = (logger = silentLogger) =>
      createRetentionTask(db, POLICY, { cron: '30 3 * * *', zone: 'Europe/Brussels', logger, now: () => now });
    const [first, second] = [task(), task()];
    // Both instances see the 03:30 occurrence of today (missed while down): one of them runs it.
    const results = await Promise.all([first(), second()]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await first()).toBeNull();
    expect(await second()).toBeNull();
    const runs = async () =>
      (
        await db.query<{ occurrence: Date }>(
          `SELECT occurrence FROM retention_runs WHERE trigger = 'schedule' ORDER BY occurrence`,
        )
      ).rows.map((r) => r.occurrence.toISOString());
    expect(await runs()).toEqual(['2026-03-10T02:30:00.000Z']);
    // The next day, after 03:30 in Brussels: the next run.
    now = new Date('2026-03-11T02:31:00Z');
    expect(await second()).not.toBeNull();
    expect(await first()).toBeNull();
    expect(await runs()).toEqual(['2026-03-10T02:30:00.000Z', '2026-03-11T02:30:00.000Z']);

    // A run that fails gives its claim back; the instance waits before trying again, another may run it.
    now = new Date('2026-03-12T03:00:00Z');
    await db.exec('ALTER TABLE processed_events RENAME TO processed_events_away');
    try {
      await expect(first()).rejects.toThrow(/processed_events/);
      expect(await runs()).toHaveLength(2);
      expect(await first()).toBeNull();
    } finally {
      await db.exec('ALTER TABLE processed_events_away RENAME TO processed_events');
    }
    expect(await second()).not.toBeNull();
    expect(await runs()).toHaveLength(3);
  });

  it('leerkans retention --dry-run counts without deleting, --now deletes, and one of them is required', async () => {
    await db.query(`INSERT INTO processed_events (key, received_at) VALUES ('slack:old', now() - interval '8 days')`);
    const config = loadConfig({});
    const run = async (argv: string[]) => {
      const lines: string[] = [];
      const resolved = resolveCommand(argv);
      if (!resolved) throw new Error('no command');
      await executeCommand(resolved, { db, config, out: (l) => lines.push(l), cwd: '.' });
      return lines;
    };
    const dry = await run(['retention', '--dry-run']);
    expect(dry).toContain('  reflections: 1280');
    expect(dry.find((l) => /^ +processed event keys +\d+$/.test(l))).toMatch(/ 1$/);
    expect(dry.at(-1)).toBe('Last run: never');
    expect(await count('SELECT count(*)::int AS n FROM processed_events')).toBe(1);
    const now = await run(['retention', '--now']);
    expect(now.find((l) => /^ +processed event keys +\d+$/.test(l))).toMatch(/ 1$/);
    expect(await count('SELECT count(*)::int AS n FROM processed_events')).toBe(0);
    expect((await run(['retention', '--dry-run'])).at(-1)).toMatch(/^Last run: \d{4}-.* \(cli\)$/);
    await expect(run(['retention'])).rejects.toThrow('retention needs exactly one of --dry-run and --now');
    await expect(run(['retention', '--now', '--dry-run'])).rejects.toThrow('exactly one');
  });

  // Last in this file: it replaces the table with the shape the erasure branch gives it (migration 0007).
  it('applies to the audit log in the shape of migration 0007 too', async () => {
    await db.exec(`DROP TABLE audit_log;
      CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), actor_id int REFERENCES people (id) ON DELETE SET NULL, actor_label text NOT NULL DEFAULT '', action text NOT NULL, subject_id int REFERENCES people (id) ON DELETE SET NULL, details jsonb NOT NULL DEFAULT '{}'::jsonb); CREATE INDEX audit_log_subject_at ON audit_log (subject_id, at); CREATE INDEX audit_log_at ON audit_log (at);`);
    await db.query(
      `INSERT INTO audit_log (action, subject_id, at) VALUES ('view-progress', $1, now() - interval '800 days'),
         ('view-progress', $1, now() - interval '10 days')`,
      [ids.amira],
    );
    const report = await runRetention(db, POLICY, { trigger: 'cli', logger: silentLogger });
    expect(report?.deleted.audit).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE at > now() - interval '11 days'`)).toBe(1);
  });
});
