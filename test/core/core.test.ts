// The core's contract through createBot: identity, idempotency, untrusted card actions, chat words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../bot/i18n/index.js';
import type { Db } from '../../db/db.js';
import { QUESTION_SETS } from '../../prompts/reflection/index.js';
import { databases } from '../support/databases.js';
import {
  act,
  conversationOf,
  DEMO,
  identity,
  makeBot,
  nextKey,
  personId,
  say,
  snapshotAll,
  textOf,
} from '../support/harness.js';

describe.each(databases)('bot core on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO);
  });
  afterEach(async () => {
    await db.close();
  });

  it('tells an unknown person they are not enrolled and stores nothing', async () => {
    const bot = makeBot(db);
    const before = await snapshotAll(db);
    const stranger = { platform: 'slack' as const, tenantId: 'T1', userId: 'U1', email: 'stranger@example.com' };
    const out = await bot.handle({ kind: 'text', from: stranger, text: 'reflectie', key: nextKey() });
    expect(out).toEqual([{ text: t('nl', 'common.notEnrolled') }]);
    const noEmail = { platform: 'teams' as const, tenantId: 'tenant', userId: 'aad-1' };
    expect(
      await bot.handle({
        kind: 'action',
        from: noEmail,
        verb: 'reflection.start',
        data: {},
        inputs: {},
        key: nextKey(),
      }),
    ).toEqual([{ text: t('nl', 'common.notEnrolled') }]);
    expect(
      await bot.handle({ kind: 'installed', from: stranger, reference: { channelId: 'D1' }, key: nextKey() }),
    ).toEqual([{ text: t('nl', 'common.notEnrolled') }]);
    await bot.saveReference(stranger, { channelId: 'D1' });
    expect(await bot.home(stranger)).toBeNull();
    expect(await snapshotAll(db)).toEqual(before);
  });

  it('links the platform identity by email on first contact, case-insensitively', async () => {
    const bot = makeBot(db);
    const from = {
      platform: 'slack' as const,
      tenantId: 'T1',
      userId: 'U-TOM',
      email: 'Tom.Vermeulen@Student.Example.BE',
    };
    expect(textOf(await bot.handle({ kind: 'text', from, text: 'help', key: nextKey() }))).toContain(
      t('nl', 'help.intro'),
    );
    const linked = await db.query('SELECT person_id, platform, tenant_id, user_id FROM platform_identities');
    expect(linked.rows).toEqual([
      { person_id: await personId(db, 'tom'), platform: 'slack', tenant_id: 'T1', user_id: 'U-TOM' },
    ]);
    // Later events need no email: the identity is known.
    const { email: _email, ...withoutEmail } = from;
    expect(textOf(await bot.handle({ kind: 'text', from: withoutEmail, text: 'hulp', key: nextKey() }))).toContain(
      t('nl', 'help.intro'),
    );
  });

  it('stores the reference on install, marks the identity unreachable on uninstall', async () => {
    const bot = makeBot(db);
    const welcome = await bot.handle({
      kind: 'installed',
      from: identity('tom'),
      reference: { channelId: 'D42' },
      key: nextKey(),
    });
    expect(textOf(welcome)).toBe(t('nl', 'common.welcome', { name: 'Tom' }));
    const row = async () =>
      (await db.query('SELECT reference, reachable, unreachable_reason FROM platform_identities')).rows[0];
    expect(await row()).toEqual({ reference: { channelId: 'D42' }, reachable: true, unreachable_reason: null });
    expect(await bot.handle({ kind: 'uninstalled', from: identity('tom'), reference: null, key: nextKey() })).toEqual(
      [],
    );
    expect(await row()).toMatchObject({ reachable: false, unreachable_reason: 'uninstalled' });
    await bot.saveReference(identity('tom'), { channelId: 'D43' });
    expect(await row()).toEqual({ reference: { channelId: 'D43' }, reachable: true, unreachable_reason: null });
    const home = await bot.home(identity('tom'));
    expect(home?.kind).toBe('home');
  });

  it('has no second effect for a repeated idempotency key', async () => {
    const bot = makeBot(db);
    const key = nextKey();
    expect(await say(bot, 'tom', 'reflectie', key)).not.toEqual([]);
    expect(await say(bot, 'tom', 'reflectie', key)).toEqual([]);
    await say(bot, 'tom', 'werkplek');
    const answerKey = nextKey();
    await say(bot, 'tom', 'Een cliënt vroeg hulp bij een formulier.', answerKey);
    const after = await conversationOf(db, 'tom');
    expect(await say(bot, 'tom', 'Een cliënt vroeg hulp bij een formulier.', answerKey)).toEqual([]);
    expect(await conversationOf(db, 'tom')).toEqual(after);
    expect(after!.version).toBe(3);
    const events = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM processed_events');
    expect(events.rows[0]!.n).toBe(3);
  });

  it('refuses malformed, unknown and stale card actions without storing anything', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    const before = await snapshotAll(db);
    const refusals = [
      [await act(bot, 'tom', 'reflection.environment', { environment: 'moon' }), 'nl', 'action.invalid'],
      [await act(bot, 'tom', 'reflection.environment', null), 'nl', 'action.invalid'],
      [await act(bot, 'tom', 'reflection.environment', 'workplace'), 'nl', 'action.invalid'],
      [
        await act(bot, 'tom', 'reflection.indicators', { choice: 'selected' }, { suggested: '1;DROP' }),
        'nl',
        'action.invalid',
      ],
      [await act(bot, 'tom', 'reflection.delete', { reflectionId: '1 OR 1=1' }), 'nl', 'action.invalid'],
      [await act(bot, 'tom', 'reflection.explode', { now: true }), 'nl', 'action.unknown'],
      [await act(bot, 'tom', 'reflection.visibility', { visibility: 'private' }), 'nl', 'action.stale'],
      // Lucas's roster locale is English.
      [await act(bot, 'lucas', 'reflection.visibility', { visibility: 'private' }), 'en', 'action.stale'],
    ] as const;
    for (const [out, locale, key] of refusals) expect(out[0]!.text).toBe(t(locale, key));
    const after = await snapshotAll(db);
    // Lucas's first contact links his identity; nothing else may change.
    expect({ ...after, platform_identities: [] }).toEqual({ ...before, platform_identities: [] });
  });

  it("refuses a feedback request to someone who is not the student's mentor", async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    for (const answer of [
      'a b c d e f g h i j k l m',
      'overslaan',
      'overslaan',
      'overslaan',
      'overslaan',
      'geen',
      '2',
    ]) {
      await say(bot, 'tom', answer);
    }
    const before = await snapshotAll(db);
    const notHisMentor = await personId(db, 'els');
    const out = await act(bot, 'tom', 'reflection.feedback', { answer: 'yes' }, { recipients: String(notHisMentor) });
    expect(textOf(out)).toBe(t('nl', 'action.invalid'));
    expect(await snapshotAll(db)).toEqual(before);
  });

  it('switches language and answers in the new one, also mid-reflection', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    const out = await say(bot, 'tom', 'Language EN');
    expect(out[0]!.text).toBe(t('en', 'language.set'));
    expect(textOf(out)).toContain(QUESTION_SETS.starr.parts[0]!.question.en);
    const locale = await db.query<{ locale: string }>('SELECT locale FROM people WHERE id = $1', [
      await personId(db, 'tom'),
    ]);
    expect(locale.rows[0]!.locale).toBe('en');
    expect(textOf(await say(bot, 'tom', 'help'))).toContain(t('en', 'help.intro'));
    expect(textOf(await say(bot, 'tom', 'taal nl'))).toContain(t('nl', 'language.set'));
    expect(textOf(await say(bot, 'tom', 'taal'))).toBe(t('nl', 'language.unknown'));
  });

  it("pauses, skips and resumes nudges in the person's own time zone", async () => {
    const bot = makeBot(db);
    const tom = await personId(db, 'tom');
    const row = async () =>
      (
        await db.query(
          `SELECT to_char(nudges_paused_until, 'YYYY-MM-DD') AS until, to_char(skip_nudges_on, 'YYYY-MM-DD') AS skip
             FROM people WHERE id = $1`,
          [tom],
        )
      ).rows[0];
    expect(textOf(await say(bot, 'tom', 'pauze tot 24/12'))).toBe(t('nl', 'pause.set', { date: '24 december 2026' }));
    expect(await row()).toEqual({ until: '2026-12-24', skip: null });
    expect(textOf(await say(bot, 'tom', 'pause until 2020-01-01'))).toBe(t('nl', 'pause.pastDate'));
    expect(textOf(await say(bot, 'tom', 'pauze tot 31/02/2027'))).toBe(t('nl', 'pause.invalidDate'));
    expect(textOf(await say(bot, 'tom', 'vandaag overslaan'))).toBe(t('nl', 'skipToday.set'));
    // 20:00 UTC on 1 December is 21:00 in Brussels: still the 1st.
    expect(await row()).toEqual({ until: '2026-12-24', skip: '2026-12-01' });
    expect(textOf(await say(bot, 'tom', 'Hervat'))).toBe(t('nl', 'resume.done'));
    expect(await row()).toEqual({ until: null, skip: null });
  });

  it('lists what is stored in "my data", and answers help per role', async () => {
    const bot = makeBot(db);
    const data = textOf(await say(bot, 'tom', 'mijn gegevens'));
    expect(data).toContain(t('nl', 'myData.intro'));
    expect(data).toContain(t('nl', 'myData.shifts', { count: 1 }));
    expect(data).toContain(t('nl', 'myData.export'));
    const mentorHelp = textOf(await say(bot, 'jan', 'hulp'));
    expect(mentorHelp).toContain(t('nl', 'help.feedbackFor'));
    expect(mentorHelp).not.toContain(t('nl', 'help.reflect'));
    expect(textOf(await say(bot, 'jan', 'reflectie'))).toBe(t('nl', 'reflection.studentsOnly'));
    expect(textOf(await say(bot, 'sofie', 'admin import'))).toBe(t('nl', 'admin.usage'));
    expect(textOf(await say(bot, 'tom', 'admin import'))).toBe(t('nl', 'common.adminOnly'));
    expect(textOf(await say(bot, 'jan', 'zomaar iets'))).toBe(t('nl', 'common.hintStaff'));
    expect(textOf(await say(bot, 'tom', '/leerkans stop'))).toBe(t('nl', 'stop.nothing'));
  });

  it('keeps concurrent answers to one conversation apart (optimistic concurrency)', async () => {
    const bot = makeBot(db);
    const other = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    const [a, b] = await Promise.all([
      say(bot, 'tom', 'Eerste antwoord over een cliënt aan het onthaal.'),
      say(other, 'tom', 'Tweede antwoord over wat ik moest doen.'),
    ]);
    expect(textOf(a)).not.toBe(t('nl', 'common.error'));
    expect(textOf(b)).not.toBe(t('nl', 'common.error'));
    const state = (await conversationOf(db, 'tom'))!.state as { answers: Record<string, string> };
    expect(Object.keys(state.answers).sort()).toEqual(['situation', 'task']);
    expect(Object.values(state.answers).sort()).toEqual([
      'Eerste antwoord over een cliënt aan het onthaal.',
      'Tweede antwoord over wat ik moest doen.',
    ]);
  });
});
