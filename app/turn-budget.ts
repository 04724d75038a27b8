// Every turn has a time budget, whatever surface it came from: a turn that runs over gets an error reply (so the
// person is never left waiting) and is logged with its event key. The turn itself is not stopped — JavaScript
// cannot cancel it — so when it finishes late its answer goes to the outbox instead of being lost.
import type { Bot } from '../bot/core/bot.js';
import type { Outbound } from '../bot/core/types.js';
import { t } from '../bot/i18n/index.js';
import type { Logger } from '../bot/log/logger.js';

export const TURN_BUDGET_MS = 10_000;

export function withTurnBudget(bot: Bot, options: { logger: Logger; locale: string; budgetMs?: number }): Bot {
  const budgetMs = options.budgetMs ?? TURN_BUDGET_MS;
  return {
    ...bot,
    async handle(inbound) {
      const turn = bot.handle(inbound);
      let timer: NodeJS.Timeout | undefined;
      const over = new Promise<'over'>((resolve) => {
        timer = setTimeout(() => resolve('over'), budgetMs);
      });
      try {
        const outcome = await Promise.race([turn, over]);
        if (outcome !== 'over') return outcome;
      } finally {
        clearTimeout(timer);
      }
      options.logger.error(
        { event: 'turn.timeout', key: inbound.key, kind: inbound.kind, budgetMs },
        'a turn took longer than its budget',
      );
      turn.then(
        (late: Outbound[]) => {
          if (late.length === 0 || inbound.kind === 'uninstalled') return;
          bot.deliverLater(inbound.from, late, `${inbound.key}:late`).catch((error: unknown) => {
            options.logger.error({ event: 'turn.late_lost', key: inbound.key, err: error }, 'late answer lost');
          });
        },
        (error: unknown) =>
          options.logger.error({ event: 'turn.failed', key: inbound.key, err: error }, 'late turn failed'),
      );
      return [{ text: t(options.locale, 'common.error') }];
    },
  };
}
