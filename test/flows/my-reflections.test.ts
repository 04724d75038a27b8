// "mijn reflecties": the list, editing and deleting one's own reflections (and only one's own).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../bot/i18n/index.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import {
  act,
  cardKinds,
  conversationOf,
  DEMO,
  makeBot,
  quickReflection,
  say,
  snapshotAll,
  textOf,
} from '../support/harness.js';

describe.each(databases)('my reflections on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO);
  });
  afterEach(async () => {
    await db.close();
  });

  it('lists recent reflections with edit and delete buttons carrying the id', async () => {
    const bot = makeBot(db);
    expect(textOf(await say(bot, 'tom', 'mijn reflecties'))).toBe(t('nl', 'reflections.none'));
    expect(
      textOf(await quickReflection(bot, 'tom', 'Een cliënt kwam binnen voor hulp bij zijn energiefactuur.')),
    ).toContain(t('nl', 'reflection.saved'));
    const list = await say(bot, 'tom', 'My reflections');
    expect(cardKinds(list)).toEqual(['my-reflections']);
    expect(textOf(list)).toContain(
      '1. 1 dec 2026 · Werkplek · "Een cliënt kwam binnen voor hulp bij zijn energiefactuur." · SW1.3',
    );
    const id = (await db.query<{ id: number }>('SELECT id FROM reflections')).rows[0]!.id;
    const verbs = list[0]!.card!.elements.flatMap((e) => (e.type === 'actions' ? e.actions : []));
    expect(verbs.map((a) => [a.verb, a.data])).toEqual([
      ['reflection.edit', { reflectionId: String(id) }],
      ['reflection.delete', { reflectionId: String(id) }],
    ]);
  });

  it('edits the text with one new message, replacing the body and the old answers', async () => {
    const bot = makeBot(db);
    await quickReflection(bot, 'tom', 'Een cliënt kwam binnen voor hulp bij zijn energiefactuur.');
    const id = (await db.query<{ id: number }>('SELECT id FROM reflections')).rows[0]!.id;
    const prompt = await act(bot, 'tom', 'reflection.edit', { reflectionId: String(id) });
    expect(textOf(prompt)).toContain(t('nl', 'reflections.editPrompt'));
    expect(textOf(prompt)).toContain('energiefactuur');
    const done = await say(bot, 'tom', 'Nieuwe tekst: ik hielp een cliënt zijn factuur te begrijpen.');
    expect(textOf(done)).toBe(t('nl', 'reflections.edited', { date: '1 dec 2026' }));
    const r = await db.query<{ body: string; answers: object }>('SELECT body, answers FROM reflections');
    expect(r.rows[0]).toEqual({ body: 'Nieuwe tekst: ik hielp een cliënt zijn factuur te begrijpen.', answers: {} });
    expect(await conversationOf(db, 'tom')).toBeUndefined();
  });

  it('keeps a paused reflection through an edit by number, and "stop" cancels an edit', async () => {
    const bot = makeBot(db);
    await quickReflection(bot, 'tom', 'Een cliënt kwam binnen voor hulp bij zijn energiefactuur.');
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    await say(bot, 'tom', 'stop');
    expect(textOf(await say(bot, 'tom', 'bewerk reflectie 1'))).toContain(t('nl', 'reflections.editPrompt'));
    expect(textOf(await say(bot, 'tom', 'stop'))).toBe(t('nl', 'stop.editCancelled'));
    expect((await conversationOf(db, 'tom'))!.state).toMatchObject({ paused: 'stop', environment: 'workplace' });
    expect((await db.query<{ body: string }>('SELECT body FROM reflections')).rows[0]!.body).toContain(
      'energiefactuur',
    );
  });

  it('deletes by number (soft delete) together with the self-assessments', async () => {
    const bot = makeBot(db);
    await quickReflection(bot, 'tom', 'Een cliënt kwam binnen voor hulp bij zijn energiefactuur.');
    expect((await db.query('SELECT * FROM assessments')).rows).toHaveLength(1);
    expect(textOf(await say(bot, 'tom', 'verwijder reflectie 2'))).toBe(t('nl', 'reflections.notFound'));
    expect(textOf(await say(bot, 'tom', 'verwijder reflectie 1'))).toContain(t('nl', 'reflections.deleteHow'));
    expect((await db.query('SELECT * FROM reflections WHERE deleted_at IS NULL')).rows).toHaveLength(1);
    expect(textOf(await say(bot, 'tom', 'ja'))).toBe(t('nl', 'reflections.deleted', { date: '1 dec 2026' }));
    const r = await db.query<{ deleted: boolean }>('SELECT deleted_at IS NOT NULL AS deleted FROM reflections');
    expect(r.rows).toEqual([{ deleted: true }]);
    expect((await db.query('SELECT * FROM assessments')).rows).toHaveLength(0);
    expect(textOf(await say(bot, 'tom', 'mijn reflecties'))).toBe(t('nl', 'reflections.none'));
  });

  it("refuses to edit or delete someone else's reflection, storing nothing", async () => {
    const bot = makeBot(db);
    await quickReflection(bot, 'tom', 'Een cliënt kwam binnen voor hulp bij zijn energiefactuur.');
    const id = (await db.query<{ id: number }>('SELECT id FROM reflections')).rows[0]!.id;
    const before = await snapshotAll(db);
    expect(textOf(await act(bot, 'amira', 'reflection.delete', { reflectionId: String(id) }))).toBe(
      t('nl', 'reflections.notFound'),
    );
    expect(textOf(await act(bot, 'amira', 'reflection.edit', { reflectionId: String(id) }))).toBe(
      t('nl', 'reflections.notFound'),
    );
    // Amira's identity gets linked on her first contact; apart from that nothing changed.
    const after = await snapshotAll(db);
    expect({ ...after, platform_identities: [] }).toEqual({ ...before, platform_identities: [] });
  });
});
