// Erasure and export proven on the whole database: after Pieter (student, mentor and coach, who used everything)
// is exported and erased, the test's own search of every column of every table finds each row that named him in
// the export, and nothing of him afterwards — his email, name, platform ids and id (a number no other row holds).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../app/cli/commands.js';
import type { Config } from '../../bot/config/env.js';
import { t } from '../../bot/i18n/index.js';
import { erasePersonData, exportPersonData, type PersonExport } from '../../bot/privacy/export.js';
import { ERASED } from '../../bot/privacy/needles.js';
import { ERASURE_POLICY } from '../../bot/privacy/policy.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { basics, EMAIL, NOW, PIETER, PIETER_ID, pieterUsedEverything } from './fixture.js';
import { type Hit, searchEverywhere, tablesOf } from './search.js';

const STRINGS = [
  PIETER.email,
  PIETER.name,
  PIETER.slackUser,
  PIETER.slackChannel,
  PIETER.teamsUser,
  PIETER.teamsConversation,
  PIETER.aadObjectId,
];
const search = (db: Db) => searchEverywhere(db, STRINGS, PIETER_ID);

const sameKey = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** Where the export holds a row the search found: in full (his own) or as a mention (someone else's). */
function inExport(data: PersonExport, hit: Hit): boolean {
  if (hit.table === 'people') return (data.person as { id: number }).id === hit.key.id;
  const own = (data.tables[hit.table] ?? []) as Record<string, unknown>[];
  return (
    own.some((row) => sameKey(hit.key, Object.fromEntries(Object.keys(hit.key).map((k) => [k, row[k]])))) ||
    data.mentions.some((m) => m.table === hit.table && sameKey(m.key, hit.key))
  );
}

describe.each(databases)('erasure and export everywhere on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create();
  });
  afterEach(async () => {
    await db.close();
  });

  it('has an erasure rule for every table in the database', async () => {
    const tables = (await tablesOf(db)).filter((name) => name !== 'schema_migrations');
    expect(tables).toEqual(Object.keys(ERASURE_POLICY).sort());
  });

  it('exports every row that names him, then erases him from every column of every table', async () => {
    const f = await pieterUsedEverything(db);
    const data = await exportPersonData(db, PIETER.email, { label: 'cli' }, 'cli', NOW);
    const before = await search(db);

    // The fixture reaches every table that can hold him (reflection_indicators only through his reflections).
    const touched = new Set(before.map((h) => h.table));
    const expected = Object.entries(ERASURE_POLICY)
      .filter(([table, p]) => p.rule !== 'none' && table !== 'reflection_indicators')
      .map(([table]) => table);
    expect([...expected, 'holidays'].filter((table) => !touched.has(table))).toEqual([]);

    // Access: every row that names or points at him is in the export; others' rows without their content.
    expect(before.filter((hit) => !inExport(data, hit))).toEqual([]);
    expect(data.tables.reflection_indicators?.length).toBeGreaterThan(0);
    expect(data.mentions).toContainEqual(expect.objectContaining({ table: 'conversations', columns: ['state'] }));
    expect(JSON.stringify(data)).not.toContain('te laat en was boos');

    const { counts } = await erasePersonData(db, PIETER.email, { label: 'cli' });
    expect(counts.nameShared).toBe(false);
    expect(await search(db)).toEqual([]);

    // What the policy keeps, without him: the feedback he gave Rosa and its assessment, Rosa's reflection
    // (his name replaced), the audit entries about him, the delivery records of sent messages.
    const given = await db.query<{ author_id: number | null; next_step: string }>(
      'SELECT author_id, next_step FROM feedback WHERE student_id = $1',
      [f.ids.rosa],
    );
    expect(given.rows).toEqual([{ author_id: null, next_step: 'Oefen het samenvatten in je eigen woorden.' }]);
    const rated = await db.query<{ actor_id: number | null; actor_role: string }>(
      `SELECT actor_id, actor_role FROM assessments WHERE assessed_id = $1 AND actor_role = 'mentor'`,
      [f.ids.rosa],
    );
    expect(rated.rows).toEqual([{ actor_id: null, actor_role: 'mentor' }]);
    const rosas = await db.query<{ body: string }>('SELECT body FROM reflections WHERE person_id = $1', [f.ids.rosa]);
    expect(rosas.rows.map((r) => r.body).join('\n')).toContain(`cliënt belde boos op; ${ERASED} (${ERASED}) liet mij`);
    const audit = await db.query<{ action: string; actor_label: string; subject_id: number | null }>(
      `SELECT action, actor_label, subject_id FROM audit_log ORDER BY id`,
    );
    const actions = audit.rows.map((r) => r.action);
    for (const action of ['reflection.view', 'progress.view', 'progress.details', 'chart.view', 'export', 'erase'])
      expect(actions).toContain(action);
    expect(audit.rows.at(-1)).toEqual({ action: 'erase', actor_label: 'cli', subject_id: null });
    // Sofie's digest (sent) keeps its delivery record without content; Rosa's unsent notice of his feedback went.
    const messages = await db.query<{ person_id: number; key: string; status: string; payload: unknown }>(
      `SELECT person_id, split_part(dedupe_key, ':', 1) AS key, status, payload FROM outbox
        WHERE person_id IN ($1, $2) AND split_part(dedupe_key, ':', 1) IN ('digest', 'feedback-received')`,
      [f.ids.sofie, f.ids.rosa],
    );
    expect(messages.rows).toEqual([
      { person_id: f.ids.sofie, key: 'digest', status: 'sent', payload: { erased: true } },
    ]);
    expect(counts).toMatchObject({ outboxUnsent: 1, outboxEmptied: 1 });

    // Conversations that pointed at him: Sofie's open confirmation is gone, Rosa's choice no longer holds him.
    const conversations = await db.query<{ person_id: number; flow: string; state: { feedbackFrom?: unknown } }>(
      'SELECT person_id, flow, state FROM conversations WHERE person_id IN ($1, $2) ORDER BY person_id',
      [f.ids.sofie, f.ids.rosa],
    );
    expect(conversations.rows).toEqual([
      expect.objectContaining({
        person_id: f.ids.rosa,
        flow: 'reflection',
        state: expect.objectContaining({ feedbackFrom: [] }),
      }),
    ]);
    // And the bot carries on for everyone else.
    expect((await f.say('rosa', 'mijn feedback')).length).toBeGreaterThan(0);
    expect(await db.query('SELECT 1 FROM people WHERE email = $1', [EMAIL.rosa])).toMatchObject({ rowCount: 1 });
  });

  it('erases through the admin chat command after a confirmation, refusing everyone else and stale cards', async () => {
    const f = await basics(db);
    const rosa = String(f.ids.rosa);
    // The admin's usage text names the command, in both languages, and the words it names work.
    const usage = await f.say('sofie', 'admin iets');
    expect(usage[0]!.text).toBe(t('nl', 'admin.usage'));
    expect(usage[0]!.text).toContain('"admin wis E-MAILADRES"');
    expect(t('en', 'admin.usage')).toContain('"admin erase EMAIL"');
    expect((await f.say('sofie', 'admin erase'))[0]!.text).toBe(t('nl', 'erase.usage'));
    const card = await f.say('sofie', `admin wis ${EMAIL.rosa}`);
    expect(card[0]!.card?.kind).toBe('admin-erase-confirm');
    expect(card[0]!.text).toContain('Rosa Verbeke');
    // Someone without the admin role, with the same words or a forged button, erases nothing.
    expect((await f.say('jan', `admin wis ${EMAIL.rosa}`))[0]!.text).toBe(t('nl', 'common.adminOnly'));
    expect((await f.act('jan', 'admin.erase.confirm', { personId: rosa, answer: 'yes' }))[0]!.text).toBe(
      t('nl', 'common.adminOnly'),
    );
    // A button naming someone else than the question is stale.
    const stale = await f.act('sofie', 'admin.erase.confirm', { personId: String(f.ids.amira), answer: 'yes' });
    expect(stale[0]!.text).toBe(t('nl', 'action.stale'));
    expect((await f.act('sofie', 'admin.erase.confirm', { personId: rosa, answer: 'no' }))[0]!.text).toBe(
      t('nl', 'erase.kept'),
    );
    // The "no" closed the question: the same yes is stale now.
    expect((await f.act('sofie', 'admin.erase.confirm', { personId: rosa, answer: 'yes' }))[0]!.text).toBe(
      t('nl', 'action.stale'),
    );
    expect(await db.query('SELECT 1 FROM people WHERE id = $1', [f.ids.rosa])).toMatchObject({ rowCount: 1 });
    expect((await f.say('sofie', `admin wis ${EMAIL.sofie}`))[0]!.text).toBe(t('nl', 'erase.notSelf'));
    expect((await f.say('sofie', 'admin wis niemand@nergens.be'))[0]!.text).toBe(
      t('nl', 'erase.unknown', { email: 'niemand@nergens.be' }),
    );

    await f.say('sofie', `admin wis ${EMAIL.rosa}`);
    const done = await f.act('sofie', 'admin.erase.confirm', { personId: rosa, answer: 'yes' });
    expect(done[0]!.text).toBe(t('nl', 'erase.done', { name: 'Rosa Verbeke' }));
    expect(await db.query('SELECT 1 FROM people WHERE id = $1', [f.ids.rosa])).toMatchObject({ rowCount: 0 });
    expect(await searchEverywhere(db, [EMAIL.rosa, 'Rosa Verbeke'], f.ids.rosa)).toEqual([]);
    // The address is gone, but `leerkans audit --email` still confirms that it was erased, when and by whom.
    const lines: string[] = [];
    await commands
      .find((c) => c.name === 'audit')!
      .run({
        db,
        args: { positionals: [], values: { email: EMAIL.rosa.toUpperCase() } },
        out: (line) => lines.push(line),
        config: {} as Config,
        readInput: async () => ({ name: '', content: '' }),
      });
    expect(lines[0]).toBe(`${EMAIL.rosa.toUpperCase()} is not stored any more: it was erased (1 entry)`);
    expect(lines[2]!.split('\t').slice(1, 4)).toEqual(['erase', `admin ${EMAIL.sofie}`, '-']);
    const audit = await db.query<{ actor_id: number; actor_label: string; subject_id: number | null; details: object }>(
      `SELECT actor_id, actor_label, subject_id, details FROM audit_log WHERE action = 'erase'`,
    );
    expect(audit.rows).toEqual([
      {
        actor_id: f.ids.sofie,
        actor_label: 'admin',
        subject_id: null,
        details: expect.objectContaining({ channel: 'chat' }),
      },
    ]);
  });
});
