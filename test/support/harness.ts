// The bot's core on a test database, for the flow, feedback, digest and schedule tests: the demo framework, roster
// and shifts (DEMO, imported once per worker and restored for every test), a fixed clock, and helpers to chat and
// press buttons as roster people. Replies are compared with i18n keys (t()) rather than copied literals.
import { readFileSync } from 'node:fs';
import type { Bot, BotSettings } from '../../bot/core/bot.js';
import { createLeerkansBot as createBot } from '../../bot/routes.js';
import type { Inbound, Outbound, PlatformIdentity } from '../../bot/core/types.js';
import { importFramework } from '../../bot/imports/framework.js';
import { importRoster } from '../../bot/imports/roster.js';
import { importShifts } from '../../bot/imports/shifts.js';
import { DeterministicAssistant, type LlmAssistant } from '../../bot/llm/client.js';
import { silentLogger } from '../../bot/log/logger.js';
import type { CardSpec } from '../../cards/spec.js';
import type { Db } from '../../db/db.js';
import type { Prepared } from './databases.js';

const demo = (name: string) => readFileSync(new URL(`../../db/demo/${name}`, import.meta.url), 'utf8');

export const EMAIL = {
  amira: 'amira.elidrissi@student.example.be',
  tom: 'tom.vermeulen@student.example.be',
  noor: 'noor.jacobs@student.example.be',
  lucas: 'lucas.dubois@student.example.be',
  jan: 'jan.peeters@ocmw.example.be',
  lien: 'lien.maes@ocmw.example.be',
  karim: 'karim.benali@caw.example.be',
  els: 'els.wouters@hogeschool.example.be',
  sofie: 'sofie.declercq@hogeschool.example.be',
} as const;
export type Who = keyof typeof EMAIL;

/** Tom's demo shift ends 2026-12-01 20:00 in Brussels; an hour later he reflects. */
export const NOW = new Date('2026-12-01T20:00:00Z');
export const HELPLINE = 'Tele-Onthaal 106';

/** As the playground (adapters/web) identifies a person: by email. */
export const identity = (who: Who): PlatformIdentity => ({
  platform: 'web',
  tenantId: 'local',
  userId: EMAIL[who],
  email: EMAIL[who],
});

/** Imports the demo framework, roster and (unless told otherwise) shifts, as `LEERKANS_DEMO=on` does. */
export async function seed(db: Db, options: { shifts?: boolean } = {}): Promise<void> {
  await importFramework(db, 'framework.yaml', demo('framework-social-work.yaml'));
  await importRoster(db, 'roster.csv', demo('roster-demo.csv'), { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
  if (options.shifts !== false) await importShifts(db, 'shifts.csv', demo('shifts-demo.csv'));
}

/** The state seed() leaves, for create(DEMO): imported once per worker, then restored from a snapshot. */
export const DEMO: Prepared = { key: 'demo', run: (db) => seed(db) };
/** The demo framework and roster without shifts (nothing in the plan of nudges). */
export const DEMO_WITHOUT_SHIFTS: Prepared = { key: 'demo-without-shifts', run: (db) => seed(db, { shifts: false }) };

export function makeBot(
  db: Db,
  options: { assistant?: LlmAssistant; now?: () => Date; settings?: Partial<BotSettings> } = {},
): Bot {
  return createBot({
    db,
    assistant: options.assistant ?? new DeterministicAssistant(),
    logger: silentLogger,
    settings: { defaultLocale: 'nl-BE', defaultTimeZone: 'Europe/Brussels', helpline: HELPLINE, ...options.settings },
    now: options.now ?? (() => NOW),
  });
}

let counter = 0;
export const nextKey = (): string => `test-${process.pid}-${++counter}`;

export const say = (bot: Bot, who: Who, text: string, key = nextKey()): Promise<Outbound[]> =>
  bot.handle({ kind: 'text', from: identity(who), text, key });

/** A button press or card submit, on a card the bot showed earlier in the person's own chat. */
export const act = (
  bot: Bot,
  who: Who,
  verb: string,
  data: unknown,
  inputs: Record<string, string> = {},
  key = nextKey(),
): Promise<Outbound[]> => {
  const inbound: Inbound = {
    kind: 'action',
    from: identity(who),
    verb,
    data,
    inputs,
    key,
    message: { platform: 'web', channelId: EMAIL[who], messageId: 'card-1' },
  };
  return bot.handle(inbound);
};

/** All reply texts of one turn, joined: assertions look for i18n strings in it. */
export const textOf = (out: Outbound[]): string => out.map((o) => o.text).join('\n');

export const cardKinds = (out: Outbound[]): string[] => out.flatMap((o) => (o.card ? [o.card.kind] : []));

export const cardOf = (out: Outbound[]): CardSpec | undefined => out.find((o) => o.card)?.card;

export const personId = async (db: Db, who: Who): Promise<number> =>
  (await db.query<{ id: number }>('SELECT id FROM people WHERE email = $1', [EMAIL[who]])).rows[0]!.id;

export const indicatorId = async (db: Db, code: string): Promise<number> =>
  (await db.query<{ id: number }>('SELECT id FROM indicators WHERE code = $1', [code])).rows[0]!.id;

export async function conversationOf(
  db: Db,
  who: Who,
): Promise<{ step: string; state: Record<string, unknown>; version: number } | undefined> {
  const r = await db.query<{ step: string; state: Record<string, unknown>; version: number }>(
    'SELECT c.step, c.state, c.version FROM conversations c JOIN people p ON p.id = c.person_id WHERE p.email = $1',
    [EMAIL[who]],
  );
  return r.rows[0];
}

const ALL_TABLES = [
  'people',
  'platform_identities',
  'conversations',
  'reflections',
  'reflection_indicators',
  'assessments',
  'feedback',
  'feedback_requests',
  'outbox',
  'processed_events',
  'audit_log',
] as const;

/** Every row of the tables a turn can touch, to prove that a refused event changed nothing. */
export async function snapshotAll(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of ALL_TABLES) {
    const r = await db.query<{ row: unknown }>(`SELECT to_jsonb(t) AS row FROM ${table} t`);
    out[table] = r.rows.map((x) => JSON.stringify(x.row)).sort();
  }
  return out;
}

export async function counts(
  db: Db,
): Promise<{ assessments: number; feedback: number; answered: number; outbox: number }> {
  const r = await db.query<{ assessments: number; feedback: number; answered: number; outbox: number }>(
    `SELECT (SELECT count(*)::int FROM assessments) AS assessments, (SELECT count(*)::int FROM feedback) AS feedback,
            (SELECT count(*)::int FROM feedback_requests WHERE status = 'answered') AS answered,
            (SELECT count(*)::int FROM outbox) AS outbox`,
  );
  return r.rows[0]!;
}

/** A whole reflection in typed answers: SW1.3 confirmed and self-assessed at 2, visible to the coach, no feedback. */
export async function quickReflection(bot: Bot, who: Who, situation: string): Promise<Outbound[]> {
  await say(bot, who, 'reflectie');
  await say(bot, who, 'werkplek');
  await say(bot, who, situation);
  await say(bot, who, 'Ik moest het gesprek voorbereiden en leiden.');
  await say(bot, who, 'Ik heb samengevat wat de cliënt vertelde en doorgevraagd naar wat hij zelf wilde doen.');
  await say(bot, who, 'De cliënt voelde zich gehoord en we maakten samen een afspraak voor volgende week.');
  await say(bot, who, 'Volgende keer vraag ik sneller door.');
  await say(bot, who, 'SW1.3');
  await say(bot, who, '2');
  await say(bot, who, 'coach');
  return say(bot, who, 'nee');
}

/** A stored reflection of `who` with a feedback request to each of their mentors (as the reflection flow stores). */
export async function requestFeedback(
  db: Db,
  who: Who,
  visibility = 'coach_mentors',
  environment = 'workplace',
): Promise<number[]> {
  const student = await personId(db, who);
  const r = await db.query<{ id: number }>(
    `INSERT INTO reflections (person_id, model, environment, body, visibility)
     VALUES ($1, 'starr', $2, 'Ik deed een intakegesprek en vatte samen wat de cliënt vertelde.', $3) RETURNING id`,
    [student, environment, visibility],
  );
  const reflectionId = r.rows[0]!.id;
  await db.query(
    `INSERT INTO reflection_indicators (reflection_id, indicator_id, suggested) SELECT $1, id, true FROM indicators WHERE code = 'SW1.3'`,
    [reflectionId],
  );
  const role = environment === 'campus' ? 'teacher' : 'mentor';
  const q = await db.query<{ id: number }>(
    `INSERT INTO feedback_requests (student_id, requested_of, role, reflection_id, environment, share_text)
     SELECT $1, a.staff_id, a.role, $2, $3, $5 FROM assignments a WHERE a.student_id = $1 AND a.role = $4 AND a.ends_on IS NULL
     ORDER BY a.staff_id RETURNING id`,
    [student, reflectionId, environment, role, visibility === 'coach_mentors' && role === 'mentor'],
  );
  return q.rows.map((x) => x.id);
}
