// A person who has used everything: Pieter Jansens is a student (reflections, feedback received and reacted to, a
// safety contact, nudges, a told shift, a download link), a mentor and coach of Rosa Verbeke (feedback given, a
// progress view, a digest, a coach nudge) and is named in other people's text, schedules and conversations. Driven
// through the bot and the planners wherever they can, so the rows are the ones production writes.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Bot } from '../../bot/core/bot.js';
import { createLeerkansBot as createBot } from '../../bot/routes.js';
import type { Outbound, PlatformIdentity } from '../../bot/core/types.js';
import { chartPngForToken } from '../../bot/digest/charts.js';
import { planDueDigests } from '../../bot/digest/plan.js';
import { levelInput } from '../../bot/flows/feedback/card.js';
import { planFeedbackCards } from '../../bot/flows/feedback/plan-cards.js';
import { importFramework } from '../../bot/imports/framework.js';
import { importRoster } from '../../bot/imports/roster.js';
import { DeterministicAssistant } from '../../bot/llm/client.js';
import { templateNarrator } from '../../bot/llm/narrative.js';
import { silentLogger } from '../../bot/log/logger.js';
import { createNudgePlanner } from '../../bot/schedule/planner.js';
import type { Db } from '../../db/db.js';
import { EMAIL as DEMO_EMAIL } from '../support/harness.js';

const demo = (name: string) => readFileSync(new URL(`../../db/demo/${name}`, import.meta.url), 'utf8');

/** Monday 2 March 2026, 10:00 in Brussels: the weekly digest (Monday 08:00) is due. */
export const NOW = new Date('2026-03-02T09:00:00Z');
export const BASE_URL = 'http://localhost:3978';

/** An id no other row will hold as a number of its own, so every occurrence of it is a reference to Pieter. */
export const PIETER_ID = 80_000_001;

export const PIETER = {
  email: 'pieter.jansens@werk.example.be',
  name: 'Pieter Jansens',
  slackUser: 'U08PIETERJ',
  slackChannel: 'D08PIETERJ',
  teamsUser: '29:1PieterTeamsUserId',
  teamsConversation: 'a:1PieterPersonalConversation',
  aadObjectId: '0f0e0d0c-aaaa-4bbb-8ccc-0a1b2c3d4e5f',
} as const;

export const EMAIL = {
  pieter: PIETER.email,
  rosa: 'rosa.verbeke@student.example.be',
  ...DEMO_EMAIL,
} as const;
export type Who = keyof typeof EMAIL;

const EXTRA_ROSTER = `email,name,roles,cohort,mentors,teachers,coaches,timezone,locale
${PIETER.email},${PIETER.name},student;mentor;coach,SW-DUAAL-2026,jan.peeters@ocmw.example.be,els.wouters@hogeschool.example.be,sofie.declercq@hogeschool.example.be,Europe/Brussels,nl-BE
rosa.verbeke@student.example.be,Rosa Verbeke,student,SW-DUAAL-2026,${PIETER.email},,${PIETER.email},Europe/Brussels,nl-BE
`;

export const identity = (who: Who): PlatformIdentity => ({
  platform: 'web',
  tenantId: 'local',
  userId: EMAIL[who],
  email: EMAIL[who],
});

export interface Fixture {
  bot: Bot;
  ids: Record<Who, number>;
  say(who: Who, text: string): Promise<Outbound[]>;
  act(who: Who, verb: string, data: unknown, inputs?: Record<string, string>): Promise<Outbound[]>;
}

/** The demo framework and roster, Pieter (with his fixed id) and Rosa, and a bot that links charts and exports. */
export async function basics(db: Db): Promise<Fixture> {
  await importFramework(db, 'framework.yaml', demo('framework-social-work.yaml'));
  await importRoster(db, 'roster.csv', demo('roster-demo.csv'), { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
  await db.query(`SELECT setval(pg_get_serial_sequence('people', 'id'), $1)`, [PIETER_ID - 1]);
  await importRoster(db, 'extra.csv', EXTRA_ROSTER, { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
  // The schedules a fresh install has (a database reused between tests is emptied, migrations do not run again).
  await db.query(
    `INSERT INTO schedules (name, kind, cron, minutes_after_shift) VALUES
       ('after-shift', 'after_shift', NULL, 30), ('weekly-digest', 'digest', '0 8 * * 1', NULL)
     ON CONFLICT (name) DO NOTHING`,
  );
  // Assignments start on the day of the import; the fixture's clock is fixed, so they start before it.
  await db.query(`UPDATE assignments SET starts_on = '2026-01-05'`);
  const people = await db.query<{ email: string; id: number }>('SELECT email, id FROM people');
  const byEmail = new Map(people.rows.map((p) => [p.email, p.id]));
  const ids = Object.fromEntries(Object.entries(EMAIL).map(([who, email]) => [who, byEmail.get(email)!])) as Record<
    Who,
    number
  >;
  if (ids.pieter !== PIETER_ID) throw new Error(`Pieter got id ${ids.pieter}`);
  const bot = createBot({
    db,
    assistant: new DeterministicAssistant(),
    logger: silentLogger,
    settings: {
      defaultLocale: 'nl-BE',
      defaultTimeZone: 'Europe/Brussels',
      helpline: 'Tele-Onthaal 106',
      chartBaseUrl: BASE_URL,
    },
    now: () => NOW,
  });
  return {
    bot,
    ids,
    say: (who, text) => bot.handle({ kind: 'text', from: identity(who), text, key: randomUUID() }),
    act: (who, verb, data, inputs = {}) =>
      bot.handle({
        kind: 'action',
        from: identity(who),
        verb,
        data,
        inputs,
        key: randomUUID(),
        message: { platform: 'web', channelId: EMAIL[who], messageId: `card-${randomUUID()}` },
      }),
  };
}

const textOf = (out: Outbound[]) => out.map((o) => o.text).join('\n');

/** A finished workplace reflection on SW1.3 (self-assessed 3), feedback asked of `from` with this visibility. */
export async function reflect(
  f: Fixture,
  db: Db,
  who: Who,
  story: string,
  visibility: string,
  from: Who,
): Promise<void> {
  const sw13 = await indicatorId(db, 'SW1.3');
  await f.say(who, 'reflectie');
  await f.act(who, 'reflection.environment', { environment: 'workplace' });
  await f.say(who, story);
  await f.say(who, 'Ik moest het intakegesprek voeren en zijn hulpvraag in kaart brengen.');
  await f.say(who, 'Ik vatte samen wat hij vertelde, vroeg door en checkte of ik het goed begreep.');
  await f.say(
    who,
    'De cliënt voelde zich gehoord, vertelde meer over zijn situatie en we maakten samen een afspraak voor volgende week.',
  );
  await f.say(who, 'Volgende keer vraag ik meteen naar zijn netwerk.');
  await f.act(who, 'reflection.indicators', { choice: 'selected' }, { suggested: String(sw13) });
  await f.act(who, 'reflection.assess', { indicatorIds: String(sw13) }, { [levelInput(sw13)]: '3' });
  await f.act(who, 'reflection.visibility', { visibility });
  await f.act(who, 'reflection.feedback', { answer: 'yes' }, { recipients: String(f.ids[from]) });
}

export const indicatorId = async (db: Db, code: string): Promise<number> =>
  (await db.query<{ id: number }>('SELECT id FROM indicators WHERE code = $1', [code])).rows[0]!.id;

const requestOf = async (db: Db, student: number, mentor: number): Promise<number> =>
  (
    await db.query<{ id: number }>(
      `SELECT id FROM feedback_requests WHERE student_id = $1 AND requested_of = $2 ORDER BY id DESC LIMIT 1`,
      [student, mentor],
    )
  ).rows[0]!.id;

/** Submits the feedback card of the latest request from `student` to `mentor`. */
async function giveFeedback(f: Fixture, db: Db, mentor: Who, student: Who, nextStep: string): Promise<void> {
  const request = await requestOf(db, f.ids[student], f.ids[mentor]);
  const sw13 = await indicatorId(db, 'SW1.3');
  const out = await f.act(
    mentor,
    'feedback.submit',
    { studentId: String(f.ids[student]), requestId: String(request) },
    { [levelInput(sw13)]: '3', wentWell: 'Je vatte helder samen.', nextStep },
  );
  if (!out.some((o) => o.card?.kind === 'feedback-thanks')) throw new Error(`feedback not stored: ${textOf(out)}`);
}

const chartToken = (out: Outbound[]): string => {
  for (const o of out) {
    for (const e of o.card?.elements ?? []) {
      const m = e.type === 'image' ? /\/charts\/([\w-]+)\.png$/.exec(e.url) : null;
      if (m) return m[1]!;
    }
  }
  throw new Error(`no chart in ${textOf(out)}`);
};

/** Everything Pieter can do and be part of; returns the fixture for more. */
export async function pieterUsedEverything(db: Db): Promise<Fixture> {
  const f = await basics(db);
  const sw13 = await indicatorId(db, 'SW1.3');
  // As a student: a reflection with feedback from Jan, who answers; Pieter adopts the next step.
  await reflect(
    f,
    db,
    'pieter',
    'Een nieuwe cliënt kwam aan het onthaal; Jan Peeters keek mee.',
    'coach_mentors',
    'jan',
  );
  await planFeedbackCards(db, silentLogger, NOW);
  await giveFeedback(f, db, 'jan', 'pieter', 'Vraag sneller door naar het netwerk.');
  const received = await db.query<{ id: number }>('SELECT id FROM feedback WHERE student_id = $1', [f.ids.pieter]);
  await f.act('pieter', 'feedback.react', { feedbackId: String(received.rows[0]!.id), adopt: 'true' });

  // As Rosa's mentor: her reflection names him, she asks him for feedback, he gives it.
  await reflect(
    f,
    db,
    'rosa',
    `Een cliënt belde boos op; ${PIETER.name} (${PIETER.email}) liet mij het gesprek leiden.`,
    'coach_mentors',
    'pieter',
  );
  await planFeedbackCards(db, silentLogger, NOW);
  await giveFeedback(f, db, 'pieter', 'rosa', 'Oefen het samenvatten in je eigen woorden.');

  // Looking at each other's progress: Sofie at Pieter's (with the chart and one rating's texts), Pieter at Rosa's.
  const view = await f.say('sofie', 'voortgang van Pieter');
  await chartPngForToken(db, chartToken(view), NOW);
  await f.act('sofie', 'progress.detail', { studentId: String(f.ids.pieter) }, { indicator: String(sw13) });
  await f.say('pieter', 'voortgang van Rosa');

  // Schedules and nudges: a schedule for Pieter alone, a holiday named after him, a shift and its nudge.
  await f.say('sofie', `admin schema na-shift pieter-laat 45 persoon ${PIETER.email}`);
  await f.say('sofie', `admin vrije dag 2026-12-24 Afscheid ${PIETER.name}`);
  await db.query(`INSERT INTO shifts (person_id, starts_at, ends_at, workplace) VALUES ($1, $2, $3, 'OCMW onthaal')`, [
    f.ids.pieter,
    new Date(NOW.getTime() - 9 * 3600_000),
    new Date(NOW.getTime() - 3600_000),
  ]);
  await createNudgePlanner({ db, logger: silentLogger, now: () => NOW }).tick();

  // Digests (Sofie's lists Pieter; Pieter's lists Rosa) and the coaches' buttons.
  await planDueDigests(db, {
    narrator: templateNarrator,
    logger: silentLogger,
    now: () => NOW,
    chartBaseUrl: BASE_URL,
  });
  await f.act('sofie', 'digest.nudge', { studentId: String(f.ids.pieter) });
  await f.act('pieter', 'digest.nudge', { studentId: String(f.ids.rosa) });

  // A safety contact: Pieter says it is about himself and asks his coach to get in touch.
  await f.say('pieter', 'reflectie');
  await f.act('pieter', 'reflection.environment', { environment: 'workplace' });
  await f.say('pieter', '"Ik kan niet meer."');
  await f.say('pieter', 'over mezelf');
  await f.act('pieter', 'safety.offer', { answer: 'yes' });

  // Rosa starts another reflection, private, and chooses Pieter for feedback: the share question is open.
  await reflect(f, db, 'rosa', 'Een cliënt kwam te laat en was boos.', 'private', 'pieter');

  // Sofie is asked to confirm erasing him and has not answered yet; Pieter asks for his data.
  await f.say('sofie', `admin wis ${PIETER.email}`);
  await f.say('pieter', 'mijn gegevens');

  // His Slack and Teams accounts, and an event key from before events were linked to their sender.
  await db.query(
    `INSERT INTO platform_identities (person_id, platform, tenant_id, user_id, reference) VALUES
       ($1, 'slack', 'T0SCHOOL', $2, $3::jsonb), ($1, 'teams', 'tenant-school', $4, $5::jsonb)`,
    [
      f.ids.pieter,
      PIETER.slackUser,
      JSON.stringify({ channelId: PIETER.slackChannel }),
      PIETER.teamsUser,
      JSON.stringify({
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: PIETER.teamsConversation, conversationType: 'personal', tenantId: 'tenant-school' },
        user: { id: PIETER.teamsUser, aadObjectId: PIETER.aadObjectId },
        bot: { id: '28:leerkans-bot' },
      }),
    ],
  );
  await db.query(`INSERT INTO processed_events (key, received_at) VALUES ($1, $2)`, [
    `slack:ts:${PIETER.slackChannel}:1772441000.000100`,
    NOW,
  ]);
  // The messages went out already (their content is then emptied rather than deleted), except Rosa's notice of
  // Pieter's feedback, still waiting (then it is dropped).
  await db.query(
    `UPDATE outbox SET status = 'sent', sent_at = $1, platform = 'web'
      WHERE NOT (person_id = $2 AND dedupe_key LIKE 'feedback-received:%')`,
    [NOW, f.ids.rosa],
  );
  return f;
}
