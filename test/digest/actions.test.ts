// The digest's actions and the progress view's answers, on both databases, through the real core: authorised on
// the server (card data is untrusted), what they plan in the outbox, and what a student or a coach is told.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/core/bot.js';
import { createLeerkansBot as createBot } from '../../bot/routes.js';
import { t } from '../../bot/i18n/index.js';
import { DeterministicAssistant } from '../../bot/llm/client.js';
import { silentLogger } from '../../bot/log/logger.js';
import type { Db } from '../../db/db.js';
import { act, cardOf, DEMO_WITHOUT_SHIFTS, indicatorId, personId, requestFeedback, say } from '../support/harness.js';
import { databases } from '../support/databases.js';

const outboxOf = async (db: Db, prefix: string) =>
  (
    await db.query<{ dedupe_key: string; person_id: number; payload: { text: string } }>(
      'SELECT dedupe_key, person_id, payload FROM outbox WHERE dedupe_key LIKE $1 ORDER BY id',
      [`${prefix}%`],
    )
  ).rows;

describe.each(databases)('digest actions and the progress view on $name', ({ create }) => {
  let db: Db;
  let bot: Bot;
  beforeEach(async () => {
    db = await create(DEMO_WITHOUT_SHIFTS);
    // The same bot with a chart base URL, as the server runs it.
    bot = createBot({
      db,
      assistant: new DeterministicAssistant(),
      logger: silentLogger,
      settings: {
        defaultLocale: 'nl-BE',
        defaultTimeZone: 'Europe/Brussels',
        helpline: 'Tele-Onthaal 106',
        chartBaseUrl: 'https://leerkans.example.be',
      },
    });
  });
  afterEach(async () => {
    await db.close();
  });

  it('opens a student from the digest: the full progress view with the chart and the coach’s buttons', async () => {
    const amira = await personId(db, 'amira');
    const view = cardOf(await act(bot, 'sofie', 'digest.open', {}, { student: String(amira) }))!;
    expect(view.kind).toBe('progress');
    expect(view.title).toBe('Voortgang van Amira El Idrissi');
    const image = view.elements.find((e) => e.type === 'image');
    expect(image && image.type === 'image' && image.url).toMatch(
      /^https:\/\/leerkans\.example\.be\/charts\/[\w-]{32}\.png$/,
    );
    const tokens = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chart_tokens');
    expect(tokens.rows[0]!.n).toBe(1);
    const verbs = view.elements.flatMap((e) => (e.type === 'actions' ? e.actions.map((a) => a.verb) : []));
    expect(verbs).toEqual(['digest.nudge', 'digest.remind']);
  });

  it('refuses digest actions for a student who is not the coach’s, and stores nothing', async () => {
    const amira = await personId(db, 'amira');
    // Jan is Amira's mentor, not her coach: he may see her progress but not nudge as a coach.
    const nudge = await act(bot, 'jan', 'digest.nudge', { studentId: String(amira) });
    expect(nudge[0]!.text).toBe(t('nl-BE', 'digest.refused'));
    // Karim is not assigned to Amira at all.
    const open = await act(bot, 'karim', 'digest.open', {}, { student: String(amira) });
    expect(open[0]!.text).toBe(t('nl-BE', 'progress.refused'));
    const forged = await act(bot, 'karim', 'digest.remind', {}, { student: String(amira) });
    expect(forged[0]!.text).toBe(t('nl-BE', 'digest.refused'));
    expect(await outboxOf(db, '')).toEqual([]);
    expect((await db.query('SELECT 1 FROM chart_tokens')).rowCount).toBe(0);
  });

  it('nudges a student once a day and reminds the mentors of open requests', async () => {
    const amira = await personId(db, 'amira');
    const jan = await personId(db, 'jan');
    const first = await act(bot, 'sofie', 'digest.nudge', {}, { student: String(amira) });
    expect(first[0]!.text).toBe('Amira El Idrissi krijgt een herinnering om te reflecteren.');
    const again = await act(bot, 'sofie', 'digest.nudge', { studentId: String(amira) });
    expect(again[0]!.text).toBe('Amira El Idrissi kreeg vandaag al een herinnering.');
    const nudges = await outboxOf(db, 'coach-nudge:');
    expect(nudges).toHaveLength(1);
    expect(nudges[0]!.person_id).toBe(amira);
    expect(nudges[0]!.payload.text).toContain('Sofie De Clercq vraagt je om deze week even te reflecteren');

    const none = await act(bot, 'sofie', 'digest.remind', {}, { student: String(amira) });
    expect(none[0]!.text).toBe('Amira El Idrissi heeft geen openstaande feedbackvragen.');
    const [requestId] = await requestFeedback(db, 'amira');
    const sent = await act(bot, 'sofie', 'digest.remind', {}, { student: String(amira) });
    expect(sent[0]!.text).toBe('Herinnering verstuurd aan Jan Peeters.');
    const reminders = await outboxOf(db, 'coach-remind:');
    expect(reminders.map((r) => [r.dedupe_key.split(':')[1], r.person_id])).toEqual([[String(requestId), jan]]);
  });

  it('answers a student who asks for someone else’s progress, and a coach who names a stranger', async () => {
    expect((await say(bot, 'amira', 'voortgang van Tom'))[0]!.text).toBe(t('nl-BE', 'progress.onlyOwn'));
    const own = cardOf(await say(bot, 'amira', 'voortgang van Amira'))!;
    expect(own.title).toBe('Voortgang van Amira El Idrissi');
    expect((await say(bot, 'sofie', 'voortgang van Zoltan'))[0]!.text).toBe(
      '"Zoltan" is niet een van jouw studenten. Jouw studenten: Amira El Idrissi, Lucas Dubois, Noor Jacobs, Tom Vermeulen.',
    );
    expect((await say(bot, 'jan', 'voortgang van Noor'))[0]!.text).toContain('"Noor" is niet een van jouw studenten.');
  });

  it('opens the feedback and next step behind a rating, hiding private self-assessments from staff', async () => {
    const amira = await personId(db, 'amira');
    const sw13 = await indicatorId(db, 'SW1.3');
    await act(
      bot,
      'jan',
      'feedback.submit',
      { studentId: String(amira) },
      {
        indicator: String(sw13),
        level: '2',
        task: 'Intakegesprek',
        wentWell: 'Rustig tempo',
        nextStep: 'Vat vaker samen.',
      },
    );
    const reflection = await db.query<{ id: number }>(
      `INSERT INTO reflections (person_id, model, body, visibility) VALUES ($1, 'starr', 'privé', 'private') RETURNING id`,
      [amira],
    );
    await db.query(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, level, evidence, reflection_id)
       VALUES ($1, $2, $2, 'student', 'workplace', 4, 'GEHEIME NOTITIE', $3)`,
      [sw13, amira, reflection.rows[0]!.id],
    );
    const forCoach = cardOf(
      await act(bot, 'sofie', 'progress.detail', { studentId: String(amira) }, { indicator: String(sw13) }),
    )!;
    expect(forCoach.kind).toBe('progress-details');
    expect(forCoach.fallbackText).toMatch(/Mentor Jan Peeters · 2 In ontwikkeling · \d+ \p{L}+\.? · werkplek/u);
    expect(forCoach.fallbackText).toContain('Taak: Intakegesprek');
    expect(forCoach.fallbackText).toContain('Wat ging goed: Rustig tempo');
    expect(forCoach.fallbackText).toContain('Volgende stap: Vat vaker samen.');
    expect(JSON.stringify(forCoach)).not.toContain('GEHEIME NOTITIE');
    const forStudent = cardOf(
      await act(bot, 'amira', 'progress.detail', { studentId: String(amira) }, { indicator: String(sw13) }),
    )!;
    expect(forStudent.fallbackText).toContain('Toelichting: GEHEIME NOTITIE');
    const stranger = await act(
      bot,
      'karim',
      'progress.detail',
      { studentId: String(amira) },
      { indicator: String(sw13) },
    );
    expect(stranger[0]!.text).toBe(t('nl-BE', 'progress.refused'));
  });

  it('opens a pending request from the mentor’s weekly card only for that mentor, while it is open', async () => {
    const [requestId] = await requestFeedback(db, 'amira');
    const card = cardOf(await act(bot, 'jan', 'mentor.openRequest', {}, { request: String(requestId) }))!;
    expect(card.kind).toBe('feedback-request');
    const other = await act(bot, 'karim', 'mentor.openRequest', {}, { request: String(requestId) });
    expect(other[0]!.text).toBe(t('nl-BE', 'feedback.refused'));
    await db.query(`UPDATE feedback_requests SET status = 'answered' WHERE id = $1`, [requestId]);
    const closed = await act(bot, 'jan', 'mentor.openRequest', {}, { request: String(requestId) });
    expect(closed[0]!.text).toBe(t('nl-BE', 'mentor.request.closed'));
  });
});
