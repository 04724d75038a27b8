// Whole reflections played through the core (createBot) on both databases, with the deterministic assistant.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../bot/i18n/index.js';
import { FALLBACK_FOLLOW_UP } from '../../bot/llm/fallback-questions.js';
import type { Db } from '../../db/db.js';
import { QUESTION_SETS } from '../../prompts/reflection/index.js';
import { databases } from '../support/databases.js';
import {
  act,
  cardKinds,
  conversationOf,
  DEMO,
  indicatorId,
  makeBot,
  personId,
  say,
  textOf,
} from '../support/harness.js';

const starr = (i: number) => QUESTION_SETS.starr.parts[i]!.question.nl;
const korthagen = (i: number) => QUESTION_SETS.korthagen.parts[i]!.question.nl;

describe.each(databases)('reflection flow on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO);
  });
  afterEach(async () => {
    await db.close();
  });

  it('completes a STARR reflection with an indicator, a self-assessment, a visibility and mentor feedback', async () => {
    const bot = makeBot(db);
    const start = await say(bot, 'tom', 'Reflectie');
    expect(cardKinds(start)).toEqual(['reflection-environment']);
    expect(textOf(start)).toContain(t('nl', 'reflection.environmentQuestion'));

    expect(textOf(await act(bot, 'tom', 'reflection.environment', { environment: 'workplace' }))).toContain(starr(0));
    expect(
      textOf(await say(bot, 'tom', 'Een nieuwe cliënt kwam aan het onthaal met vragen over zijn huur.')),
    ).toContain(starr(1));
    expect(
      textOf(await say(bot, 'tom', 'Ik moest het intakegesprek voeren en zijn hulpvraag in kaart brengen.')),
    ).toContain(starr(2));
    // A thin answer to "Actie" gets the one adaptive follow-up …
    expect(textOf(await say(bot, 'tom', 'Ik vatte samen.'))).toBe(FALLBACK_FOLLOW_UP.nl);
    expect(
      textOf(await say(bot, 'tom', 'Ik vatte samen wat hij vertelde, vroeg door en checkte of ik het goed begreep.')),
    ).toContain(starr(3));
    // … and only one per reflection, even when the next answer is thin too.
    expect(textOf(await say(bot, 'tom', 'Hij voelde zich gehoord.'))).toContain(starr(4));
    const indicators = await say(bot, 'tom', 'Volgende keer vraag ik meteen naar zijn netwerk.');
    expect(cardKinds(indicators)).toEqual(['reflection-indicators']);
    expect(textOf(indicators)).toContain('SW1.3');

    const sw13 = await indicatorId(db, 'SW1.3');
    const assess = await act(bot, 'tom', 'reflection.indicators', { choice: 'selected' }, { suggested: String(sw13) });
    expect(cardKinds(assess)).toEqual(['reflection-assess']);
    const visibility = await act(
      bot,
      'tom',
      'reflection.assess',
      { indicatorIds: String(sw13) },
      { [`level_${sw13}`]: '3' },
    );
    expect(cardKinds(visibility)).toEqual(['reflection-visibility']);
    const feedback = await act(bot, 'tom', 'reflection.visibility', { visibility: 'coach_mentors' });
    expect(cardKinds(feedback)).toEqual(['reflection-feedback']);
    expect(textOf(feedback)).toContain('Jan Peeters en Lien Maes');

    const [jan, lien, tom] = [await personId(db, 'jan'), await personId(db, 'lien'), await personId(db, 'tom')];
    const done = await act(bot, 'tom', 'reflection.feedback', { answer: 'yes' }, { recipients: `${jan},${lien}` });
    expect(cardKinds(done)).toEqual(['reflection-summary']);
    expect(textOf(done)).toContain(t('nl', 'reflection.saved'));

    const r = await db.query<Record<string, unknown>>(
      'SELECT id, model, environment, visibility, language, llm_used, body, answers, shift_id FROM reflections WHERE person_id = $1',
      [tom],
    );
    expect(r.rows).toHaveLength(1);
    const reflection = r.rows[0]!;
    expect(reflection).toMatchObject({
      model: 'starr',
      environment: 'workplace',
      visibility: 'coach_mentors',
      language: 'nl',
      llm_used: false,
    });
    expect(reflection.shift_id).not.toBeNull();
    expect(reflection.body).toContain('Situatie: Een nieuwe cliënt');
    expect(Object.keys(reflection.answers as object).sort()).toEqual([
      'action',
      'reflection',
      'result',
      'situation',
      'task',
    ]);
    const links = await db.query('SELECT indicator_id, suggested FROM reflection_indicators WHERE reflection_id = $1', [
      reflection.id,
    ]);
    expect(links.rows).toEqual([{ indicator_id: sw13, suggested: true }]);
    const assessments = await db.query(
      `SELECT indicator_id, assessed_id, actor_id, actor_role, environment, level, not_observed, reflection_id,
              to_char(observed_on, 'YYYY-MM-DD') AS observed_on FROM assessments`,
    );
    expect(assessments.rows).toEqual([
      {
        indicator_id: sw13,
        assessed_id: tom,
        actor_id: tom,
        actor_role: 'student',
        environment: 'workplace',
        level: 3,
        not_observed: false,
        reflection_id: reflection.id,
        observed_on: '2026-12-01',
      },
    ]);
    const requests = await db.query(
      'SELECT requested_of, role, status, environment, reflection_id FROM feedback_requests ORDER BY requested_of',
    );
    expect(requests.rows).toEqual(
      [jan, lien]
        .sort((a, b) => a - b)
        .map((id) => ({
          requested_of: id,
          role: 'mentor',
          status: 'open',
          environment: 'workplace',
          reflection_id: reflection.id,
        })),
    );
    expect(await conversationOf(db, 'tom')).toBeUndefined();
  });

  it('lets the student skip, go back one step and answer everything in text', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    await say(bot, 'tom', 'Er kwam een moeder met haar zoon naar de zitdag.');
    expect(textOf(await say(bot, 'tom', 'overslaan'))).toContain(starr(2));
    const back = await say(bot, 'tom', 'terug');
    expect(textOf(back)).toContain(t('nl', 'reflection.backDone'));
    expect(textOf(back)).toContain(starr(1));
    expect(textOf(await say(bot, 'tom', 'Ik moest uitzoeken of ze recht had op een premie.'))).toContain(starr(2));
    await say(bot, 'tom', 'Ik heb de voorwaarden samen met haar overlopen en de aanvraag ingevuld op de computer.');
    await say(bot, 'tom', 'Ze diende de aanvraag meteen in en was blij dat het zo vlot ging voor haar gezin.');
    const indicators = await say(bot, 'tom', 'Ik leerde dat rustig uitleggen helpt.');
    expect(cardKinds(indicators)).toEqual(['reflection-indicators']);
    expect(cardKinds(await say(bot, 'tom', 'geen'))).toEqual(['reflection-visibility']);
    expect(cardKinds(await say(bot, 'tom', '1'))).toEqual(['reflection-feedback']);
    expect(textOf(await say(bot, 'tom', 'nee'))).toContain(t('nl', 'reflection.saved'));
    const r = await db.query<{ answers: Record<string, string>; visibility: string }>(
      'SELECT answers, visibility FROM reflections',
    );
    expect(r.rows[0]!.visibility).toBe('private');
    expect(r.rows[0]!.answers.task).toBe('Ik moest uitzoeken of ze recht had op een premie.');
    expect(await db.query('SELECT * FROM reflection_indicators')).toMatchObject({ rows: [] });
    expect(await db.query('SELECT * FROM feedback_requests')).toMatchObject({ rows: [] });
    expect(await db.query('SELECT * FROM assessments')).toMatchObject({ rows: [] });
  });

  it('asks the teacher for feedback on a campus experience, with typed numbers and "not observed"', async () => {
    const bot = makeBot(db);
    await say(bot, 'amira', 'reflectie');
    await say(bot, 'amira', 'campus');
    await say(bot, 'amira', 'In de les oefenden we een intakegesprek met een acteur als cliënt.');
    await say(bot, 'amira', 'Ik moest de hulpvraag van de cliënt in kaart brengen.');
    await say(bot, 'amira', 'Ik stelde open vragen, vatte samen wat ze vertelde en vroeg door naar haar netwerk.');
    await say(bot, 'amira', 'De docent zei dat ik goed luisterde maar te weinig naar haar krachten vroeg.');
    const indicators = await say(bot, 'amira', 'Volgende keer vraag ik ook naar wat al goed gaat.');
    const suggested = indicators[0]!.card!.elements.find((e) => e.type === 'choice' && e.id === 'suggested');
    expect(suggested?.type === 'choice' && suggested.options.length).toBeGreaterThanOrEqual(2);
    // One card for both indicators; typed answers in order.
    expect(cardKinds(await say(bot, 'amira', '1 2'))).toEqual(['reflection-assess']);
    expect(textOf(await say(bot, 'amira', 'vijf'))).toContain(t('nl', 'reflection.assessRetry'));
    const visibility = await say(bot, 'amira', 'niet geobserveerd, 4');
    expect(cardKinds(visibility)).toEqual(['reflection-visibility']);
    expect(textOf(visibility)).toContain('Niet aan bod gekomen; ');
    // "Coach en mentoren" does not include the teacher: asked before Els reads the text.
    const feedback = await say(bot, 'amira', 'coach en mentoren');
    expect(textOf(feedback)).toContain(t('nl', 'reflection.feedbackQuestion', { names: 'Els Wouters' }));
    const share = await say(bot, 'amira', 'ja');
    expect(cardKinds(share)).toEqual(['reflection-share']);
    expect(textOf(share)).toContain(t('nl', 'reflection.shareQuestion', { names: 'Els Wouters' }));
    await say(bot, 'amira', 'nee');
    const assessments = await db.query(
      'SELECT level, not_observed, environment FROM assessments ORDER BY not_observed DESC',
    );
    expect(assessments.rows).toEqual([
      { level: null, not_observed: true, environment: 'campus' },
      { level: 4, not_observed: false, environment: 'campus' },
    ]);
    const requests = await db.query('SELECT requested_of, role, environment, share_text FROM feedback_requests');
    expect(requests.rows).toEqual([
      { requested_of: await personId(db, 'els'), role: 'teacher', environment: 'campus', share_text: false },
    ]);
  });

  it('stops, keeps what was said, and resumes where it was after a restart', async () => {
    const first = makeBot(db);
    await say(first, 'tom', 'reflectie');
    await say(first, 'tom', 'campus');
    await say(first, 'tom', 'In de les oefenden we een slechtnieuwsgesprek in rollenspel.');
    // The student is told how long the draft is kept: LEERKANS_RETAIN_CONVERSATIONS_DAYS, default 30.
    expect(textOf(await say(first, 'tom', 'stop'))).toBe(t('nl', 'stop.paused', { days: 30 }));
    expect(t('nl', 'stop.paused', { days: 30 })).toContain('30 dagen bewaard');
    expect((await conversationOf(db, 'tom'))!.state).toMatchObject({ paused: 'stop', environment: 'campus' });
    // While paused, a text is not taken as an answer.
    expect(textOf(await say(first, 'tom', 'Nog iets'))).toBe(t('nl', 'reflection.pausedHint'));

    const restarted = makeBot(db);
    const resumed = await say(restarted, 'tom', 'reflect');
    expect(textOf(resumed)).toContain(t('nl', 'reflection.resumed'));
    expect(textOf(resumed)).toContain(starr(1));
    expect((await conversationOf(db, 'tom'))!.state).toMatchObject({
      paused: null,
      answers: { situation: 'In de les oefenden we een slechtnieuwsgesprek in rollenspel.' },
    });
  });

  it('says how long a paused reflection is kept as configured, in the student’s language', async () => {
    const bot = makeBot(db, { settings: { draftRetentionDays: 12 } });
    await say(bot, 'tom', 'reflectie');
    expect(textOf(await say(bot, 'tom', 'stop'))).toBe(t('nl', 'stop.paused', { days: 12 }));
    await say(bot, 'lucas', 'reflect');
    const english = textOf(await say(bot, 'lucas', 'stop'));
    expect(english).toBe(t('en', 'stop.paused', { days: 12 }));
    expect(english).toContain('kept for 12 days');
  });

  it('takes one long message apart and asks only what is missing', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    const story = [
      'Vanochtend kwam er een man aan het onthaal die erg gehaast was en zijn brief van de huisbaas niet begreep.',
      'Ik heb eerst rustig gevraagd wat er in de brief stond en daarna samen met hem de belangrijkste zinnen overlopen.',
      'Uiteindelijk begreep hij dat hij nog twee weken had om te betalen en daardoor was hij veel rustiger.',
      'Volgende keer zou ik ook meteen vragen of hij iemand in zijn netwerk heeft die hem kan helpen met post.',
    ].join(' ');
    const out = await say(bot, 'tom', story);
    expect(textOf(out)).toContain(
      t('nl', 'reflection.longMessage', { parts: 'situatie, actie, resultaat, reflectie' }),
    );
    expect(textOf(out)).toContain(starr(1));
    const state = (await conversationOf(db, 'tom'))!.state as { answers: Record<string, string> };
    expect(Object.keys(state.answers).sort()).toEqual(['action', 'reflection', 'result', 'situation']);
    expect(state.answers.situation).toMatch(/^Vanochtend kwam er een man/);
    // The only missing part answered: straight on to the indicators.
    expect(cardKinds(await say(bot, 'tom', 'Ik moest zijn vraag verhelderen.'))).toEqual(['reflection-indicators']);
  });

  it('goes deeper with Korthagen, keeping the answers that map', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    await say(bot, 'tom', 'Een cliënt weigerde het plan dat we samen hadden gemaakt.');
    const deeper = await say(bot, 'tom', 'dieper');
    expect(textOf(deeper)).toContain(QUESTION_SETS.korthagen.intro.nl);
    expect(textOf(deeper)).toContain(korthagen(1));
    for (const answer of [
      'Ik zag dat hij twijfelde en ik dacht dat hij het plan te groot vond; hij wilde vooral zelf kiezen.',
      'Het plan kwam vooral van mij, terwijl hij de regie wilde houden over zijn eigen leven en keuzes.',
      'Ik kan kleinere stappen voorstellen of hem zelf laten kiezen waar we beginnen, elk met voor- en nadelen.',
      'Volgend gesprek laat ik hem eerst zelf zijn doel formuleren en vat ik dat samen.',
    ]) {
      await say(bot, 'tom', answer);
    }
    await say(bot, 'tom', 'SW3.2');
    await say(bot, 'tom', 'overslaan');
    await say(bot, 'tom', '2');
    await say(bot, 'tom', 'nee');
    const r = await db.query<{ model: string; answers: Record<string, string> }>(
      'SELECT model, answers FROM reflections',
    );
    expect(r.rows[0]!.model).toBe('korthagen');
    expect(r.rows[0]!.answers.experience).toBe('Een cliënt weigerde het plan dat we samen hadden gemaakt.');
    expect(Object.keys(r.rows[0]!.answers).sort()).toEqual([
      'alternatives',
      'awareness',
      'experience',
      'lookingBack',
      'trial',
    ]);
    const linked = await db.query<{ code: string }>(
      'SELECT i.code FROM reflection_indicators ri JOIN indicators i ON i.id = ri.indicator_id',
    );
    expect(linked.rows).toEqual([{ code: 'SW3.2' }]);
    // Skipped self-assessment: nothing stored.
    expect((await db.query('SELECT * FROM assessments')).rows).toHaveLength(0);
  });

  it('offers Gibbs when the event was difficult, and switches only when the student says yes', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    const offer = await say(
      bot,
      'tom',
      'Een cliënt werd heel boos aan het loket en begon te roepen; dat was moeilijk.',
    );
    expect(cardKinds(offer)).toEqual(['reflection-gibbs-offer']);
    const yes = await act(bot, 'tom', 'reflection.model', { model: 'gibbs' });
    expect(textOf(yes)).toContain(QUESTION_SETS.gibbs.intro.nl);
    expect(textOf(yes)).toContain(QUESTION_SETS.gibbs.parts[1]!.question.nl);
    expect((await conversationOf(db, 'tom'))!.state).toMatchObject({ model: 'gibbs', gibbsOffered: true });
  });

  it('answers with a human contact on a crisis message and asks nothing more', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    const crisis = 'Eerlijk gezegd kan ik het niet meer aan en ik wil niet meer leven.';
    const out = await say(bot, 'tom', crisis);
    const text = textOf(out);
    expect(text).toContain('Sofie De Clercq');
    expect(text).toContain('sofie.declercq@hogeschool.example.be');
    expect(text).toContain('Tele-Onthaal (106)');
    expect(text).toContain('1813');
    expect(text).toContain('112');
    expect(text).toContain(t('nl', 'reflection.crisisPaused', { days: 30 }));
    expect(text).not.toContain(starr(0));
    expect(cardKinds(out)).toEqual(['safety-offer']);
    const conversation = (await conversationOf(db, 'tom'))!;
    expect(conversation.state).toMatchObject({ step: 'offer', previous: { state: { paused: 'crisis' } } });
    expect(JSON.stringify(conversation.state)).not.toContain('niet meer leven');
    expect(textOf(await say(bot, 'tom', 'nee'))).toBe(t('nl', 'safety.offerDeclined'));
    // The next text asks no question either.
    expect(textOf(await say(bot, 'tom', 'ok'))).toBe(t('nl', 'reflection.pausedHint'));
  });

  it('handles a 100 KB message, emoji only, whitespace and control characters without crashing', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    expect(textOf(await say(bot, 'tom', '   \n\t  '))).toContain(starr(0));
    expect(textOf(await say(bot, 'tom', '\u0000\u0007\u001b'))).toContain(starr(0));
    const huge = 'Ik hielp een cliënt met zijn formulieren. '.repeat(2500);
    expect(huge.length).toBeGreaterThan(100_000);
    const out = await say(bot, 'tom', huge);
    expect(out[0]!.text).toBe(t('nl', 'common.truncated', { max: (10_000).toLocaleString('nl-BE') }));
    const state = (await conversationOf(db, 'tom'))!.state as { answers: Record<string, string> };
    const stored = Object.values(state.answers).join('');
    expect(stored.length).toBeLessThanOrEqual(10_000);
    expect(stored.length).toBeGreaterThan(9_000);
    expect(textOf(await say(bot, 'tom', '👍🙂'))).not.toBe(t('nl', 'common.error'));
  });

  it('starts a reflection when a text answers a recent nudge', async () => {
    const bot = makeBot(db);
    const tom = await personId(db, 'tom');
    expect(textOf(await say(bot, 'tom', 'Vandaag deed ik mijn eerste huisbezoek.'))).toBe(
      t('nl', 'common.hintStudent'),
    );
    await db.query(
      `INSERT INTO outbox (dedupe_key, platform, person_id, payload, status, sent_at)
       VALUES ('nudge:after-shift:' || $1::text || ':1', 'web', $1::int, '{"text":"Hoe was je shift?"}', 'sent', $2)`,
      [tom, new Date('2026-12-01T19:30:00Z')],
    );
    const out = await say(bot, 'tom', 'Vandaag deed ik mijn eerste huisbezoek bij een oudere dame.');
    expect(textOf(out)).toContain(starr(1));
    expect((await conversationOf(db, 'tom'))!.state).toMatchObject({
      environment: 'workplace',
      answers: { situation: 'Vandaag deed ik mijn eerste huisbezoek bij een oudere dame.' },
    });
  });

  it('tells a student once that an AI helps, only when the assistant is one', async () => {
    const ai = {
      usesAi: true,
      followUpQuestion: async () => null,
      suggestIndicators: async () => [],
    };
    const bot = makeBot(db, { assistant: ai });
    expect(textOf(await say(bot, 'tom', 'reflectie'))).toContain(t('nl', 'reflection.aiNotice'));
    const shown = await db.query<{ at: Date | null }>('SELECT ai_notice_shown_at AS at FROM people WHERE id = $1', [
      await personId(db, 'tom'),
    ]);
    expect(shown.rows[0]!.at).not.toBeNull();
    await say(bot, 'tom', 'stop');
    expect(textOf(await say(bot, 'amira', 'reflectie'))).toContain(t('nl', 'reflection.aiNotice'));
    // Tom already saw it; the deterministic assistant never shows it.
    await db.query('DELETE FROM conversations');
    expect(textOf(await say(bot, 'tom', 'reflectie'))).not.toContain(t('nl', 'reflection.aiNotice'));
    expect(textOf(await say(makeBot(db), 'lucas', 'reflect'))).not.toContain(t('en', 'reflection.aiNotice'));
  });
});
