// The turn budget every surface gets from the composition root: an error reply in time, the event key in the log,
// the late answer handed to the outbox.
import { describe, expect, it } from 'vitest';
import { withTurnBudget } from '../../app/turn-budget.js';
import type { Bot } from '../../bot/core/bot.js';
import type { Outbound } from '../../bot/core/types.js';
import { t } from '../../bot/i18n/index.js';
import { captureLogs } from '../slack/support.js';

const from = { platform: 'slack' as const, tenantId: 'T1', userId: 'U1' };

function slowBot(ms: number, replies: Outbound[]) {
  const deferred: { replies: Outbound[]; key: string }[] = [];
  const bot: Bot = {
    handle: () => new Promise((resolve) => setTimeout(() => resolve(replies), ms)),
    directory: async () => [],
    saveReference: async () => undefined,
    home: async () => null,
    deliverLater: async (_from, late, key) => {
      deferred.push({ replies: late, key });
    },
  };
  return { bot, deferred };
}

describe('the turn budget', () => {
  it('passes a turn within its budget through untouched', async () => {
    const { bot } = slowBot(5, [{ text: 'op tijd' }]);
    const logs = captureLogs('error');
    const budgeted = withTurnBudget(bot, { logger: logs.logger, locale: 'nl-BE', budgetMs: 1_000 });
    expect(await budgeted.handle({ kind: 'text', from, text: 'hulp', key: 'slack:E1' })).toEqual([{ text: 'op tijd' }]);
    expect(logs.lines).toEqual([]);
  });

  it('answers a turn over budget with an error reply, logs its key, and sends the late answer through the outbox', async () => {
    const { bot, deferred } = slowBot(300, [{ text: 'te laat' }]);
    const logs = captureLogs('error');
    const budgeted = withTurnBudget(bot, { logger: logs.logger, locale: 'en', budgetMs: 30 });
    expect(await budgeted.handle({ kind: 'text', from, text: 'hulp', key: 'slack:E2' })).toEqual([
      { text: t('en', 'common.error') },
    ]);
    // Answered before the turn itself finished.
    expect(deferred).toEqual([]);
    expect(logs.lines[0]).toMatchObject({ event: 'turn.timeout', key: 'slack:E2', budgetMs: 30 });
    // The late answer comes when the slow turn ends; a generous deadline, since a busy machine delays timers.
    const deadline = Date.now() + 20_000;
    while (deferred.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(deferred).toEqual([{ replies: [{ text: 'te laat' }], key: 'slack:E2:late' }]);
  });
});
