// `leerkans digest --now [--coach EMAIL]`: plans a digest for every coach (or one) right away, with a dedupe key
// unique to this run, so the running server's dispatcher delivers it through Slack, Teams or the playground.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/db.js';
import { digestCoaches } from '../../db/queries/digest.js';
import { enqueueOutbox } from '../../db/queries/outbox.js';
import { buildCoachDigest, type DigestDeps } from './build.js';

export class UnknownCoachError extends Error {
  override readonly name = 'UnknownCoachError';
}

export interface DigestNowResult {
  planned: { coach: string; students: number }[];
}

export async function planDigestsNow(
  db: Db,
  deps: DigestDeps & { now?: () => Date },
  options: { coachEmail?: string | undefined } = {},
): Promise<DigestNowResult> {
  const now = deps.now?.() ?? new Date();
  const coaches = await digestCoaches(db, now.toISOString().slice(0, 10), {
    ...(options.coachEmail ? { email: options.coachEmail } : {}),
  });
  if (options.coachEmail && coaches.length === 0) {
    throw new UnknownCoachError(`no coach with students has the email ${options.coachEmail}`);
  }
  const run = `${now.toISOString()}:${randomBytes(4).toString('hex')}`;
  const planned: DigestNowResult['planned'] = [];
  for (const coach of coaches) {
    const digest = await buildCoachDigest(db, coach, now, deps);
    if (!digest) continue;
    await enqueueOutbox(db, {
      dedupeKey: `digest:now:${coach.id}:${run}`,
      personId: coach.id,
      payload: { text: digest.card.fallbackText, card: digest.card },
    });
    planned.push({ coach: coach.email, students: digest.students.length });
  }
  return { planned };
}
