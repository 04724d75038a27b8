// Who sees whom: mentors, teachers and coaches only their own students (today's assignments), a private reflection
// only its author, and every look at someone else's progress or reflection in the audit log. Each test tries to
// cross the line the way a client could: by name, with forged card data, through another path to the same data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../app/http/metrics.js';
import { exportRoutes } from '../../app/http/export.js';
import { startHttpServer } from '../../app/http/server.js';
import { commands } from '../../app/cli/commands.js';
import type { Config } from '../../bot/config/env.js';
import type { Outbound } from '../../bot/core/types.js';
import { planDueDigests } from '../../bot/digest/plan.js';
import { levelInput } from '../../bot/flows/feedback/card.js';
import { planFeedbackCards } from '../../bot/flows/feedback/plan-cards.js';
import { t } from '../../bot/i18n/index.js';
import { templateNarrator } from '../../bot/llm/narrative.js';
import { silentLogger } from '../../bot/log/logger.js';
import { collectPersonExport } from '../../bot/privacy/export.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { basics, EMAIL, type Fixture, indicatorId, NOW, reflect } from './fixture.js';

const textOf = (out: Outbound[]) => out.map((o) => o.text).join('\n');
const SECRET = 'mijn geheime twijfel over mevrouw V.';

/** What a refused action must leave untouched: no audit entry, no message, no event key, no feedback. */
const footprint = async (db: Db) =>
  (
    await db.query(
      `SELECT (SELECT count(*)::int FROM audit_log) AS audit, (SELECT count(*)::int FROM outbox) AS outbox,
              (SELECT count(*)::int FROM processed_events) AS events, (SELECT count(*)::int FROM assessments) AS rated,
              (SELECT count(*)::int FROM feedback_requests WHERE status = 'open') AS open`,
    )
  ).rows[0];

const auditRows = async (db: Db) =>
  (
    await db.query<{ actor_id: number | null; actor_label: string; action: string; subject_id: number | null }>(
      `SELECT actor_id, actor_label, action, subject_id, details FROM audit_log ORDER BY id`,
    )
  ).rows;

describe.each(databases)('access on $name', ({ create }) => {
  let db: Db;
  let f: Fixture;
  let ids: Fixture['ids'];
  beforeEach(async () => {
    db = await create();
    f = await basics(db);
    ids = f.ids;
  });
  afterEach(async () => {
    await db.close();
  });

  /** A request from `student` to `staff` for a reflection with this text (as the reflection flow stores it). */
  const request = async (student: number, staff: number, role: string, body: string, share: boolean) => {
    const r = await db.query<{ id: number }>(
      `INSERT INTO reflections (person_id, model, body, visibility) VALUES ($1, 'starr', $2, 'coach') RETURNING id`,
      [student, body],
    );
    const q = await db.query<{ id: number }>(
      `INSERT INTO feedback_requests (student_id, requested_of, role, reflection_id, share_text)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [student, staff, role, r.rows[0]!.id, share],
    );
    return { reflection: r.rows[0]!.id, request: q.rows[0]!.id };
  };

  it('keeps a mentor with two students away from a third, by name or with forged card data', async () => {
    const sw13 = String(await indicatorId(db, 'SW1.3'));
    // Karim mentors Noor and Lucas; Amira is Jan's. Jan rates Amira on his own initiative (so she has feedback).
    await f.act(
      'jan',
      'feedback.submit',
      { studentId: String(ids.amira) },
      { indicator: sw13, level: '2', nextStep: 'Vat samen.' },
    );
    const amiras = await db.query<{ feedback: number; assessment: number }>(
      'SELECT id AS feedback, assessment_id AS assessment FROM feedback WHERE student_id = $1',
      [ids.amira],
    );
    const { feedback: amirasFeedback, assessment: jansAssessment } = amiras.rows[0]!;
    const jansRequest = await request(ids.amira, ids.jan, 'mentor', 'Amira over een huisbezoek.', true);
    const amira = String(ids.amira);
    const before = await footprint(db);

    expect(textOf(await f.say('karim', 'voortgang van Amira'))).toBe(
      t('nl', 'progress.notYours', { name: 'Amira', names: 'Lucas Dubois, Noor Jacobs' }),
    );
    const refused = t('nl', 'progress.refused');
    expect(textOf(await f.act('karim', 'progress.show', {}, { student: amira }))).toBe(refused);
    expect(textOf(await f.act('karim', 'progress.show', { studentId: amira }))).toBe(refused);
    expect(textOf(await f.act('karim', 'progress.detail', { studentId: amira }, { indicator: sw13 }))).toBe(refused);
    expect(textOf(await f.act('karim', 'digest.open', { studentId: amira }))).toBe(refused);
    // Nudging and reminding are a coach's: not even for his own students.
    expect(textOf(await f.act('karim', 'digest.nudge', { studentId: String(ids.noor) }))).toBe(
      t('nl', 'digest.refused'),
    );
    expect(textOf(await f.act('karim', 'digest.remind', { studentId: amira }))).toBe(t('nl', 'digest.refused'));
    const feedbackRefused = t('nl', 'feedback.refused');
    expect(textOf(await f.act('karim', 'feedback.start', {}, { student: amira }))).toBe(feedbackRefused);
    const submit = { indicator: sw13, level: '2', nextStep: 'Probeer dit.' };
    expect(textOf(await f.act('karim', 'feedback.submit', { studentId: amira }, submit))).toBe(feedbackRefused);
    // Jan's request, presented as Amira's or as Noor's.
    const jans = String(jansRequest.request);
    expect(textOf(await f.act('karim', 'feedback.submit', { studentId: amira, requestId: jans }, submit))).toBe(
      feedbackRefused,
    );
    expect(
      textOf(await f.act('karim', 'feedback.submit', { studentId: String(ids.noor), requestId: jans }, submit)),
    ).toBe(feedbackRefused);
    expect(textOf(await f.act('karim', 'mentor.openRequest', {}, { request: jans }))).toBe(feedbackRefused);
    expect(textOf(await f.act('karim', 'feedback.edit', { assessmentId: String(jansAssessment) }))).toBe(
      feedbackRefused,
    );
    // Noor, a student, reacting to Amira's feedback, opening or deleting her reflection, asking for her progress.
    expect(textOf(await f.act('noor', 'feedback.react', { feedbackId: String(amirasFeedback), adopt: 'true' }))).toBe(
      t('nl', 'action.invalid'),
    );
    const notFound = t('nl', 'reflections.notFound');
    expect(textOf(await f.act('noor', 'reflection.delete', { reflectionId: String(jansRequest.reflection) }))).toBe(
      notFound,
    );
    expect(textOf(await f.act('noor', 'reflection.edit', { reflectionId: String(jansRequest.reflection) }))).toBe(
      notFound,
    );
    expect(textOf(await f.act('noor', 'progress.show', { studentId: amira }))).toBe(refused);
    expect(textOf(await f.say('noor', 'voortgang van Amira'))).toBe(t('nl', 'progress.onlyOwn'));
    expect(await footprint(db)).toEqual(before);
  });

  it('shows a private reflection to its author only, by every path to it', async () => {
    const sw13 = await indicatorId(db, 'SW1.3');
    await reflect(f, db, 'amira', `Een gesprek met een cliënt; ${SECRET}`, 'private', 'jan');
    // The reflection left Jan out: asked whether he may read it, Amira says no.
    await f.act('amira', 'reflection.share', { share: 'no' });
    const stored = await db.query<{ visibility: string; share_text: boolean }>(
      `SELECT r.visibility, q.share_text FROM reflections r JOIN feedback_requests q ON q.reflection_id = r.id`,
    );
    expect(stored.rows).toEqual([{ visibility: 'private', share_text: false }]);
    await planFeedbackCards(db, silentLogger, NOW);
    await planDueDigests(db, {
      narrator: templateNarrator,
      logger: silentLogger,
      now: () => NOW,
      chartBaseUrl: 'http://x',
    });

    const seen: string[] = [];
    for (const who of ['jan', 'sofie', 'els'] as const) {
      seen.push(textOf(await f.say(who, 'voortgang van Amira')));
      const details = await f.act(
        who,
        'progress.detail',
        { studentId: String(ids.amira) },
        { indicator: String(sw13) },
      );
      // Her self-assessment was made in the private reflection: staff see no rating behind the indicator.
      expect(textOf(details)).toContain(t('nl', 'progress.details.none'));
      seen.push(textOf(details));
      seen.push(JSON.stringify(await collectPersonExport(db, f.ids[who], NOW)));
    }
    const openCard = await f.act(
      'jan',
      'mentor.openRequest',
      {},
      {
        request: String((await db.query<{ id: number }>('SELECT id FROM feedback_requests')).rows[0]!.id),
      },
    );
    expect(openCard[0]!.card?.kind).toBe('feedback-request');
    seen.push(JSON.stringify(openCard));
    const outbox = await db.query<{ person_id: number; payload: unknown }>('SELECT person_id, payload FROM outbox');
    expect(outbox.rows.map((r) => r.person_id)).toEqual(expect.arrayContaining([ids.jan, ids.sofie]));
    seen.push(JSON.stringify(outbox.rows));
    expect(seen.filter((s) => s.includes('geheime twijfel'))).toEqual([]);
    // Tom, another student, gets nowhere near it either.
    const amiras = (await db.query<{ id: number }>('SELECT id FROM reflections WHERE person_id = $1', [ids.amira]))
      .rows[0]!.id;
    expect(textOf(await f.act('tom', 'reflection.edit', { reflectionId: String(amiras) }))).toBe(
      t('nl', 'reflections.notFound'),
    );

    // Amira herself sees all of it.
    const own = await f.act('amira', 'progress.detail', { studentId: String(ids.amira) }, { indicator: String(sw13) });
    expect(textOf(own)).toContain(`${t('nl', 'progress.column.student')} · 3`);
    expect(textOf(await f.say('amira', 'mijn reflecties'))).toContain('geheime twijfel');
    expect(JSON.stringify(await collectPersonExport(db, ids.amira, NOW))).toContain('geheime twijfel');
    // No one looked at her reflection's text: the audit log has views of her progress, not of the reflection.
    expect((await auditRows(db)).filter((r) => r.action === 'reflection.view')).toEqual([]);
  });

  it('writes every look at someone else’s progress or reflection to the audit log, and `leerkans audit` lists them', async () => {
    const sw13 = String(await indicatorId(db, 'SW1.3'));
    await request(ids.amira, ids.jan, 'mentor', 'Amira over een intake.', true);
    await planFeedbackCards(db, silentLogger, NOW);
    await f.say('amira', 'voortgang');
    await f.say('jan', 'voortgang van Amira');
    await f.act('sofie', 'digest.open', { studentId: String(ids.amira) });
    await f.act('sofie', 'progress.detail', { studentId: String(ids.amira) }, { indicator: sw13 });
    const rows = await auditRows(db);
    const amira = ids.amira;
    expect(rows).toEqual([
      {
        actor_id: ids.jan,
        actor_label: 'mentor',
        action: 'reflection.view',
        subject_id: amira,
        details: { reflectionId: expect.any(Number), channel: 'feedback-card' },
      },
      {
        actor_id: ids.jan,
        actor_label: 'mentor',
        action: 'progress.view',
        subject_id: amira,
        details: { channel: 'chat' },
      },
      {
        actor_id: ids.sofie,
        actor_label: 'coach',
        action: 'progress.view',
        subject_id: amira,
        details: { channel: 'digest' },
      },
      {
        actor_id: ids.sofie,
        actor_label: 'coach',
        action: 'progress.details',
        subject_id: amira,
        details: { indicatorId: Number(sw13), channel: 'card' },
      },
    ]);

    const lines: string[] = [];
    const audit = commands.find((c) => c.name === 'audit')!;
    await audit.run({
      db,
      args: { positionals: [], values: { email: EMAIL.amira } },
      out: (line) => lines.push(line),
      config: {} as Config,
      readInput: async () => ({ name: '', content: '' }),
    });
    expect(lines[0]).toBe(`Audit log for ${EMAIL.amira}: 4 entries`);
    expect(lines.slice(2).map((l) => l.split('\t').slice(1, 4))).toEqual([
      ['reflection.view', `mentor ${EMAIL.jan}`, EMAIL.amira],
      ['progress.view', `mentor ${EMAIL.jan}`, EMAIL.amira],
      ['progress.view', `coach ${EMAIL.sofie}`, EMAIL.amira],
      ['progress.details', `coach ${EMAIL.sofie}`, EMAIL.amira],
    ]);
    // Reading the log is logged; Jan's own entries are listed for him as the actor.
    expect((await auditRows(db)).at(-1)).toMatchObject({ actor_label: 'cli', action: 'audit.view', subject_id: amira });
    lines.length = 0;
    await audit.run({
      db,
      args: { positionals: [], values: { email: EMAIL.jan } },
      out: (line) => lines.push(line),
      config: {} as Config,
      readInput: async () => ({ name: '', content: '' }),
    });
    expect(lines[0]).toBe(`Audit log for ${EMAIL.jan}: 2 entries`);
  });

  it('gives a student a link to their own export that works for 15 minutes, audited', async () => {
    let now = NOW;
    const http = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: () => exportRoutes(db, silentLogger, () => now),
      logger: silentLogger,
      metrics: createMetrics(),
    });
    try {
      const reply = textOf(await f.say('amira', 'mijn gegevens'));
      const path = /http:\/\/localhost:3978(\/export\/[\w-]+\.json)/.exec(reply)?.[1];
      expect(path).toBeDefined();
      expect(reply).toContain(t('nl', 'myData.download', { url: `http://localhost:3978${path}`, minutes: 15 }));
      const url = `http://127.0.0.1:${http.port}${path}`;
      const ok = await fetch(url);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('cache-control')).toBe('no-store');
      expect(ok.headers.get('content-disposition')).toMatch(/^attachment; filename="leerkans-2026-03-02\.json"$/);
      const data = (await ok.json()) as { person: { email: string }; tables: Record<string, unknown[]> };
      expect(data.person.email).toBe(EMAIL.amira);
      expect(data.tables.assignments).toHaveLength(3);
      expect((await fetch(`http://127.0.0.1:${http.port}/export/${'A'.repeat(32)}.json`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${http.port}/export/../../etc/passwd`)).status).toBe(404);
      now = new Date(NOW.getTime() + 15 * 60_000 + 1000);
      expect((await fetch(url)).status).toBe(404);
      const entries = (await auditRows(db)).map((r) => [r.action, r.actor_label, r.actor_id, r.subject_id]);
      expect(entries).toEqual([
        ['export.link', 'student', ids.amira, ids.amira],
        ['export', 'student', ids.amira, ids.amira],
      ]);
    } finally {
      await http.stop();
    }
  });

  it('stops showing a student to a mentor whose assignment ended: the open request expires', async () => {
    const { request: id } = await request(ids.amira, ids.jan, 'mentor', 'Amira over een intake.', true);
    await planFeedbackCards(db, silentLogger, NOW);
    await db.query(`UPDATE assignments SET ends_on = '2026-02-28' WHERE staff_id = $1 AND student_id = $2`, [
      ids.jan,
      ids.amira,
    ]);
    expect(textOf(await f.act('jan', 'mentor.openRequest', {}, { request: String(id) }))).toBe(
      t('nl', 'feedback.refused'),
    );
    const sw13 = await indicatorId(db, 'SW1.3');
    const submit = await f.act(
      'jan',
      'feedback.submit',
      { studentId: String(ids.amira), requestId: String(id) },
      { [levelInput(sw13)]: '3', nextStep: 'Vat samen.' },
    );
    expect(textOf(submit)).toBe(t('nl', 'feedback.refused'));
    // Four days later: no weekly card and no reminder for Jan, and the request is no longer open.
    const later = new Date(NOW.getTime() + 4 * 86_400_000);
    await planDueDigests(db, { narrator: templateNarrator, logger: silentLogger, now: () => later });
    const toJan = await db.query<{ key: string }>('SELECT dedupe_key AS key FROM outbox WHERE person_id = $1', [
      ids.jan,
    ]);
    expect(toJan.rows).toEqual([{ key: `feedback-request:${id}` }]);
    const status = await db.query<{ status: string }>('SELECT status FROM feedback_requests WHERE id = $1', [id]);
    expect(status.rows).toEqual([{ status: 'expired' }]);
  });
});
