// The nudge and the admin card at their largest, rendered for Teams and Slack: a valid Adaptive Card 1.5 under the
// size limit, and within every Block Kit limit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nudgeMessage } from '../../bot/schedule/nudge-card.js';
import { adaptiveCardSize, renderAdaptiveCard } from '../../cards/adaptive.js';
import { renderBlockKit } from '../../cards/blockkit.js';
import { checkBlockKitLimits } from '../../cards/blockkit-limits.js';
import type { CardSpec } from '../../cards/spec.js';
import type { Db } from '../../db/db.js';
import { describeErrors, validateForTeams } from '../cards/ac-schema.js';
import { DEMO, makeBot, say } from '../support/harness.js';
import { databases } from '../support/databases.js';

const expectRenderable = (spec: CardSpec) => {
  const json = renderAdaptiveCard(spec);
  const result = validateForTeams(json);
  expect(result.valid, describeErrors(result.errors)).toBe(true);
  expect(adaptiveCardSize(json)).toBeLessThan(80_000);
  expect(checkBlockKitLimits(renderBlockKit(spec))).toEqual([]);
};

describe('the nudge card', () => {
  it('renders for Teams and Slack with a 2,000-character workplace', () => {
    const shift = {
      id: 123456789,
      workplace: 'Zorgnet Kempen '.repeat(140).slice(0, 2000),
      startsAt: new Date('2026-12-01T07:00:00Z'),
      endsAt: new Date('2026-12-01T15:00:00Z'),
      zone: 'Europe/Brussels',
    };
    expectRenderable(nudgeMessage('nl-BE', shift).card!);
    expectRenderable(nudgeMessage('en', { ...shift, workplace: '' }).card!);
    expectRenderable(nudgeMessage('en', null).card!);
  });
});

describe.each(databases)('the admin card on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO);
  });
  afterEach(async () => {
    await db.close();
  });

  it('renders with 60 schedules, failures and planned nudges within the platform limits', async () => {
    await db.query(
      `INSERT INTO schedules (name, kind, cron, time_zone)
       SELECT 'schema-' || g, 'cron', '0 ' || (g % 24) || ' * * *', 'America/Argentina/ComodRivadavia' FROM generate_series(1, 60) g`,
    );
    await db.query(
      `INSERT INTO outbox (dedupe_key, person_id, payload, status, last_error)
       SELECT 'x' || p.id, p.id, '{}', 'failed', repeat('fout ', 100) FROM people p`,
    );
    const bot = makeBot(db, { now: () => new Date('2026-12-01T10:00:00Z') });
    const [out] = await say(bot, 'sofie', 'admin');
    expect(out!.card?.kind).toBe('admin-overview');
    expect(out!.card!.elements.at(-1)).toMatchObject({ type: 'actions' });
    expectRenderable(out!.card!);
  });
});
