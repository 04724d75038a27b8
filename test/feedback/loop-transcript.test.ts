// The whole loop as a conversation, in Dutch (Amira and her mentor Jan) and in English (Lucas and his mentor
// Karim): "reflectie" → reflection → feedback request → the mentor's card with every focus indicator → the
// student is told → the student reacts → "voortgang" and "mijn feedback" show it → the next reflection opens with
// the plan. Each run also writes its transcript to test-artifacts/ for people to read.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/core/bot.js';
import type { Outbound } from '../../bot/core/types.js';
import { planFeedbackCards } from '../../bot/flows/feedback/plan-cards.js';
import { t } from '../../bot/i18n/index.js';
import { silentLogger } from '../../bot/log/logger.js';
import type { ActionElement, CardSpec } from '../../cards/spec.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { act, DEMO_WITHOUT_SHIFTS, indicatorId, makeBot, personId, say, type Who } from '../support/harness.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

interface Script {
  language: 'nl' | 'en';
  student: Who;
  mentor: Who;
  mentorName: string;
  lines: Record<
    'reflect' | 'where' | 's' | 't' | 'a' | 'r' | 'l' | 'levels' | 'visibility' | 'yes' | 'progress' | 'myFeedback',
    string
  >;
}

const SCRIPTS: Script[] = [
  {
    language: 'nl',
    student: 'amira',
    mentor: 'jan',
    mentorName: 'Jan Peeters',
    lines: {
      reflect: 'reflectie',
      where: 'werkplek',
      s: 'Gisteren had ik op de sociale dienst een intakegesprek met een cliënt die een leefloon aanvroeg.',
      t: 'Ik moest het gesprek zelf leiden en samen met de cliënt de hulpvraag helder krijgen.',
      a: 'Ik vatte samen wat de cliënt vertelde, vroeg door over de woonsituatie en checkte of ik het goed begreep.',
      r: 'De cliënt voelde zich gehoord en de hulpvraag werd duidelijk, al vergat ik naar haar netwerk te vragen.',
      l: 'Volgende keer leg ik aan het begin mijn rol uit en vraag ik ook naar wie haar kan helpen.',
      levels: 'bekwaam denk ik, in ontwikkeling',
      visibility: 'coach en mentoren',
      yes: 'ja',
      progress: 'voortgang',
      myFeedback: 'mijn feedback',
    },
  },
  {
    language: 'en',
    student: 'lucas',
    mentor: 'karim',
    mentorName: 'Karim Benali',
    lines: {
      reflect: 'reflect',
      where: 'workplace',
      s: 'Yesterday at the drop-in centre I had an intake conversation with a young man who had lost his housing.',
      t: 'I had to lead the conversation myself and work out with him what help he was asking for.',
      a: 'I summarised what he told me, asked follow-up questions about where he was sleeping and checked I had understood.',
      r: 'He said he felt listened to and we agreed on his request for help, but I forgot to ask about his network.',
      l: 'Next time I will explain my role at the start and also ask who in his life could support him.',
      levels: 'competent I think, level 2',
      visibility: 'coach and mentors',
      yes: 'yes',
      progress: 'progress',
      myFeedback: 'my feedback',
    },
  },
];

const submitOf = (card: CardSpec): ActionElement =>
  card.elements.flatMap((e) => (e.type === 'actions' ? e.actions : [])).find((a) => a.submitsInputs)!;

describe.each(databases)('the feedback loop as a conversation on $name', ({ create }) => {
  let db: Db;
  let bot: Bot;
  beforeEach(async () => {
    db = await create(DEMO_WITHOUT_SHIFTS);
    bot = makeBot(db, { now: () => new Date() });
  });
  afterEach(async () => {
    await db.close();
  });

  it.each(SCRIPTS)('closes the loop in $language', async (script) => {
    const { lines, language } = script;
    const transcript: string[] = [];
    const log = (who: string, out: Outbound[] | string) =>
      transcript.push(`${who}: ${typeof out === 'string' ? out : out.map((o) => o.text).join('\n  ')}`);
    const student = async (text: string) => {
      log(script.student, text);
      const out = await say(bot, script.student, text);
      log('leerkans', out);
      return out;
    };
    const outboxFor = async (who: Who, like: string) =>
      (
        await db.query<{ payload: { text: string; card?: CardSpec } }>(
          `SELECT o.payload FROM outbox o WHERE o.person_id = $1 AND o.dedupe_key LIKE $2 ORDER BY o.id`,
          [await personId(db, who), like],
        )
      ).rows.map((r) => r.payload);

    // 1. The reflection, in typed answers.
    for (const text of [lines.reflect, lines.where, lines.s, lines.t, lines.a, lines.r]) await student(text);
    const indicators = await student(lines.l);
    expect(indicators.at(-1)!.card?.kind).toBe('reflection-indicators');
    const assess = await student('SW1.3 SW2.1');
    expect(assess.at(-1)!.card?.kind).toBe('reflection-assess');
    const visibility = await student(lines.levels);
    expect(visibility.map((o) => o.text).join('\n')).toContain('SW1.3');
    expect(visibility.at(-1)!.card?.kind).toBe('reflection-visibility');
    const feedbackQuestion = await student(lines.visibility);
    expect(feedbackQuestion.at(-1)!.card?.kind).toBe('reflection-feedback');
    const saved = await student(lines.yes);
    expect(saved.at(-1)!.card?.kind).toBe('reflection-summary');
    expect(saved.at(-1)!.text).toContain(script.mentorName);

    // 2. The mentor's card: every focus indicator, the day of the shift, the text (shared with mentors).
    expect(await planFeedbackCards(db, silentLogger)).toBe(1);
    const [request] = await outboxFor(script.mentor, 'feedback-request:%');
    const card = request!.card!;
    log(script.mentor, `[card] ${card.fallbackText}`);
    const [sw13, sw21] = [await indicatorId(db, 'SW1.3'), await indicatorId(db, 'SW2.1')];
    const ids = card.elements.flatMap((e) => (e.type === 'choice' ? [e.id] : []));
    expect(ids).toContain(`level_${sw13}`);
    expect(ids).toContain(`level_${sw21}`);
    expect(JSON.stringify(card)).toContain(lines.s.slice(0, 30));
    const thanks = await act(bot, script.mentor, 'feedback.submit', submitOf(card).data, {
      [`level_${sw13}`]: '3',
      [`level_${sw21}`]: '2',
      wentWell: language === 'nl' ? 'Je vatte rustig samen.' : 'You summarised calmly.',
      nextStep:
        language === 'nl' ? 'Vraag bij elke intake naar het netwerk.' : 'Ask about the network at every intake.',
    });
    log(script.mentor, thanks);
    expect(thanks[0]!.card?.kind).toBe('feedback-thanks');

    // 3. The student is told, with an invitation to react; one tap takes the mentor's next step as the plan.
    const [notice] = await outboxFor(script.student, 'feedback-received:%');
    log('leerkans → student', notice!.text);
    expect(notice!.text).toContain(script.mentorName);
    expect(notice!.card?.kind).toBe('feedback-received');
    const react = notice!
      .card!.elements.flatMap((e) => (e.type === 'actions' ? e.actions : []))
      .find((a) => a.submitsInputs)!;
    const takeaway = language === 'nl' ? 'Dat samenvatten werkt.' : 'Summarising works.';
    const plan =
      language === 'nl'
        ? 'Ik vraag bij de volgende intake naar het netwerk.'
        : 'At the next intake I will ask about the network.';
    const reacted = await act(bot, script.student, react.verb, react.data, { takeaway, plan });
    log(script.student, `[reacts] ${takeaway} / ${plan}`);
    log('leerkans', reacted);
    expect(reacted[0]!.text).toBe(t(language, 'loop.saved', { mentor: script.mentorName }));
    const [toMentor] = await outboxFor(script.mentor, 'feedback-reaction:%');
    log('leerkans → mentor', toMentor!.text);
    expect(toMentor!.text).toContain(plan);

    // 4. "voortgang" shows the mentor's levels next to the student's; "mijn feedback" shows the reaction.
    const progress = await student(lines.progress);
    expect(progress[0]!.text).toMatch(/SW1\.3[^\n]*: \S+ 3 \([^)]+\) · \S+ 3 \([^)]+\) · \S+ –/);
    expect(progress[0]!.text).toMatch(/SW2\.1[^\n]*: \S+ 2 \([^)]+\) · \S+ 2 \([^)]+\) · \S+ –/);
    const mine = await student(lines.myFeedback);
    expect(mine[0]!.text).toContain(plan);
    expect(mine[0]!.text).toContain(takeaway);

    // 5. The next reflection opens with the plan from last time.
    const next = await student(lines.reflect);
    expect(next.map((o) => o.text).join('\n')).toContain(
      t(language, 'loop.planLastTime', { plan, mentor: script.mentorName }),
    );

    // Every placeholder filled, in every message of the loop.
    expect(transcript.join('\n')).not.toMatch(/\{\w+\}/);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(`${ARTIFACTS}transcript-${language}.txt`, `${transcript.join('\n')}\n`);
  });
});
