import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/core/bot.js';
import { planFeedbackCards } from '../../bot/flows/feedback/plan-cards.js';
import { t } from '../../bot/i18n/index.js';
import { silentLogger } from '../../bot/log/logger.js';
import type { ActionsElement, CardSpec } from '../../cards/spec.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import {
  act,
  cardOf,
  counts,
  DEMO_WITHOUT_SHIFTS,
  indicatorId,
  makeBot,
  personId,
  requestFeedback,
  say,
} from '../support/harness.js';

const submitAction = (card: CardSpec) =>
  card.elements
    .flatMap((e) => (e.type === 'actions' ? (e as ActionsElement).actions : []))
    .find((a) => a.submitsInputs)!;

describe.each(databases)('mentor feedback on $name', ({ create }) => {
  let db: Db;
  let bot: Bot;
  beforeEach(async () => {
    db = await create(DEMO_WITHOUT_SHIFTS);
    bot = makeBot(db, { now: () => new Date() });
  });
  afterEach(async () => {
    await db.close();
  });

  it('sends each mentor one card per request, and one submit stores assessment and feedback and tells the student', async () => {
    const [janRequest] = await requestFeedback(db, 'tom');
    expect(await planFeedbackCards(db, silentLogger)).toBe(2); // Tom has two mentors
    expect(await planFeedbackCards(db, silentLogger)).toBe(0); // planned once
    const planned = await db.query<{ person: string; payload: { card: CardSpec } }>(
      `SELECT p.email AS person, o.payload FROM outbox o JOIN people p ON p.id = o.person_id ORDER BY o.id`,
    );
    expect(planned.rows.map((r) => r.person)).toEqual(['jan.peeters@ocmw.example.be', 'lien.maes@ocmw.example.be']);
    const card = planned.rows[0]!.payload.card;
    expect(card.kind).toBe('feedback-request');
    expect(card.title).toBe(t('nl-BE', 'feedback.card.title', { student: 'Tom Vermeulen' }));
    // The focus indicator the student confirmed gets its own level, with nothing pre-selected.
    const sw13 = await indicatorId(db, 'SW1.3');
    const levelInput = card.elements.find((e) => e.type === 'choice' && e.id === `level_${sw13}`);
    expect(levelInput).toBeDefined();
    expect(levelInput && 'value' in levelInput ? levelInput.value : undefined).toBeUndefined();
    const action = submitAction(card);
    expect(action.verb).toBe('feedback.submit');

    const before = await counts(db);
    const replies = await act(bot, 'jan', action.verb, action.data, {
      task: 'Intakegesprek',
      [`level_${sw13}`]: '3',
      wentWell: 'Je vatte goed samen.',
      nextStep: 'Vraag ook door naar het netwerk van de cliënt.',
      conversation: 'yes',
    });
    const thanks = cardOf(replies)!;
    expect(thanks.kind).toBe('feedback-thanks');
    expect(replies[0]!.replaces).toEqual({
      platform: 'web',
      channelId: 'jan.peeters@ocmw.example.be',
      messageId: 'card-1',
    });
    expect(await counts(db)).toEqual({
      ...before,
      assessments: 1,
      feedback: 1,
      answered: 1,
      outbox: before.outbox + 1,
    });
    const stored = await db.query(
      `SELECT a.actor_role, a.environment, a.level, a.not_observed, f.next_step, f.wants_conversation, fr.status
         FROM assessments a JOIN feedback f ON f.assessment_id = a.id JOIN feedback_requests fr ON fr.id = f.request_id`,
    );
    expect(stored.rows).toEqual([
      {
        actor_role: 'mentor',
        environment: 'workplace',
        level: 3,
        not_observed: false,
        next_step: 'Vraag ook door naar het netwerk van de cliënt.',
        wants_conversation: true,
        status: 'answered',
      },
    ]);
    expect(janRequest).toBeTypeOf('number');
    const notice = await db.query<{ text: string }>(
      `SELECT o.payload->>'text' AS text FROM outbox o WHERE o.dedupe_key LIKE 'feedback-received:%'`,
    );
    expect(notice.rows[0]!.text).toContain('Jan Peeters gaf je feedback over je leerkans van');
    expect(notice.rows[0]!.text).toContain('SW1.3');
    expect(notice.rows[0]!.text).toContain('Bekwaam');
    expect(notice.rows[0]!.text).toContain('Jan Peeters wil er graag eens over praten met jou.');

    // A second submit of the same card changes nothing and says so.
    const again = await act(bot, 'jan', action.verb, action.data, {
      indicator: String(await indicatorId(db, 'SW1.1')),
      level: '1',
      nextStep: 'Iets anders',
    });
    expect(again[0]!.text).toBe(t('nl-BE', 'feedback.already'));
    expect(await counts(db)).toEqual({
      ...before,
      assessments: 1,
      feedback: 1,
      answered: 1,
      outbox: before.outbox + 1,
    });
  });

  it('stores "not observed" as coverage, not as a level', async () => {
    const [request] = await requestFeedback(db, 'amira');
    const replies = await act(
      bot,
      'jan',
      'feedback.submit',
      { studentId: String(await personId(db, 'amira')), requestId: String(request) },
      {
        [`level_${await indicatorId(db, 'SW1.3')}`]: '0',
        nextStep: 'Probeer het netwerk in kaart te brengen bij je volgende intake.',
      },
    );
    expect(cardOf(replies)?.kind).toBe('feedback-thanks');
    const a = await db.query('SELECT level, not_observed FROM assessments');
    expect(a.rows).toEqual([{ level: null, not_observed: true }]);
  });

  it('refuses a submit without a next step, storing nothing', async () => {
    const [request] = await requestFeedback(db, 'amira');
    const before = await counts(db);
    const replies = await act(
      bot,
      'jan',
      'feedback.submit',
      { studentId: String(await personId(db, 'amira')), requestId: String(request) },
      {
        [`level_${await indicatorId(db, 'SW1.3')}`]: '2',
        nextStep: '   ',
      },
    );
    expect(replies[0]!.text).toBe(t('nl-BE', 'feedback.invalid', { problem: t('nl-BE', 'feedback.invalid.nextStep') }));
    expect(await counts(db)).toEqual(before);
  });

  it('keeps the old version when feedback is edited', async () => {
    const amira = String(await personId(db, 'amira'));
    const first = await act(
      bot,
      'jan',
      'feedback.submit',
      { studentId: amira },
      {
        indicator: String(await indicatorId(db, 'SW1.1')),
        level: '2',
        nextStep: 'Stel je rol voor bij elk huisbezoek.',
      },
    );
    const edit = submitAction(cardOf(first)!) ?? undefined;
    const editButton = cardOf(first)!
      .elements.flatMap((e) => (e.type === 'actions' ? e.actions : []))
      .find((a) => a.verb === 'feedback.edit')!;
    expect(edit).toBeUndefined();
    const form = cardOf(await act(bot, 'jan', editButton.verb, editButton.data))!;
    expect(form.elements.find((e) => e.type === 'input' && e.id === 'nextStep')).toMatchObject({
      value: 'Stel je rol voor bij elk huisbezoek.',
    });
    const resubmit = submitAction(form);
    await act(bot, 'jan', resubmit.verb, resubmit.data, {
      [`level_${await indicatorId(db, 'SW1.1')}`]: '3',
      nextStep: 'Stel je rol en het doel voor bij elk huisbezoek.',
    });
    const versions = await db.query<{ level: number; supersedes: boolean }>(
      'SELECT level, supersedes_id IS NOT NULL AS supersedes FROM assessments ORDER BY id',
    );
    expect(versions.rows).toEqual([
      { level: 2, supersedes: false },
      { level: 3, supersedes: true },
    ]);
    // Editing the old version again is refused: there is a newer one.
    const stale = await act(bot, 'jan', resubmit.verb, resubmit.data, {
      [`level_${await indicatorId(db, 'SW1.1')}`]: '1',
      nextStep: 'x',
    });
    expect(stale[0]!.text).toBe(t('nl-BE', 'feedback.superseded'));
    expect((await counts(db)).assessments).toBe(2);
  });

  it('lets a mentor start feedback on their own by name, and picks among several students', async () => {
    const one = await say(bot, 'karim', 'feedback voor Noor');
    expect(cardOf(one)).toMatchObject({
      kind: 'feedback-request',
      title: t('nl-BE', 'feedback.card.title', { student: 'Noor Jacobs' }),
    });
    const several = await say(bot, 'jan', 'feedback voor');
    const picker = cardOf(several)!;
    expect(picker.kind).toBe('student-picker');
    const options = picker.elements.find((e) => e.type === 'choice');
    expect(options && 'options' in options ? options.options.map((o) => o.label) : []).toEqual([
      'Amira El Idrissi',
      'Tom Vermeulen',
    ]);
    const chosen = await act(bot, 'jan', 'feedback.start', {}, { student: String(await personId(db, 'tom')) });
    expect(cardOf(chosen)?.title).toBe(t('nl-BE', 'feedback.card.title', { student: 'Tom Vermeulen' }));
    const none = await say(bot, 'jan', 'feedback voor Noor');
    expect(none[0]!.text).toBe(
      t('nl-BE', 'feedback.noMatch', { name: 'Noor', names: 'Amira El Idrissi, Tom Vermeulen' }),
    );
  });
});

describe.each(databases)('feedback card planning on $name', ({ create }) => {
  it('cancels a request that cannot become a card, so it never blocks the ones after it', async () => {
    const db = await create(DEMO_WITHOUT_SHIFTS);
    try {
      const [first] = await requestFeedback(db, 'amira');
      // No framework any more for anyone: the request cannot be rated.
      await db.exec(
        'DELETE FROM reflection_indicators; DELETE FROM indicators; DELETE FROM competences; DELETE FROM frameworks',
      );
      expect(await planFeedbackCards(db, silentLogger)).toBe(0);
      const r = await db.query<{ status: string }>('SELECT status FROM feedback_requests WHERE id = $1', [first]);
      expect(r.rows).toEqual([{ status: 'cancelled' }]);
      expect((await counts(db)).outbox).toBe(0);
    } finally {
      await db.close();
    }
  });
});
