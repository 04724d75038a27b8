// A bot on a fresh database with the demo framework and roster, and helpers to act as roster people.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CardSpec } from '../../cards/spec.js';
import type { Bot } from '../../bot/core/bot.js';
import { createLeerkansBot as createBot } from '../../bot/routes.js';
import type { Inbound, Outbound, PlatformIdentity } from '../../bot/core/types.js';
import { importFramework } from '../../bot/imports/framework.js';
import { importRoster } from '../../bot/imports/roster.js';
import { DeterministicAssistant } from '../../bot/llm/client.js';
import { silentLogger } from '../../bot/log/logger.js';
import type { Db } from '../../db/db.js';

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

export const identity = (who: Who): PlatformIdentity => ({
  platform: 'web',
  tenantId: 'local',
  userId: EMAIL[who],
  email: EMAIL[who],
});

export async function setUp(db: Db): Promise<Bot> {
  await importFramework(db, 'framework.yaml', demo('framework-social-work.yaml'));
  await importRoster(db, 'roster.csv', demo('roster-demo.csv'), { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
  return createBot({
    db,
    assistant: new DeterministicAssistant(),
    logger: silentLogger,
    settings: { defaultLocale: 'nl-BE', defaultTimeZone: 'Europe/Brussels', helpline: 'Tele-Onthaal 106' },
  });
}

export const say = (bot: Bot, who: Who, text: string): Promise<Outbound[]> =>
  bot.handle({ kind: 'text', from: identity(who), text, key: randomUUID() });

export const act = (
  bot: Bot,
  who: Who,
  verb: string,
  data: unknown,
  inputs: Record<string, string> = {},
  key: string = randomUUID(),
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

export const personId = async (db: Db, who: Who): Promise<number> =>
  (await db.query<{ id: number }>('SELECT id FROM people WHERE email = $1', [EMAIL[who]])).rows[0]!.id;

export const indicatorId = async (db: Db, code: string): Promise<number> =>
  (await db.query<{ id: number }>('SELECT id FROM indicators WHERE code = $1', [code])).rows[0]!.id;

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

export const cardOf = (out: Outbound[]): CardSpec | undefined => out.find((o) => o.card)?.card;

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
