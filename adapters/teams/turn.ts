// What every Teams route shares: who is writing (with the email from the roster API), calling the core safely,
// posting its replies into the conversation, and remembering the conversation reference once per process.
import type { TurnContext } from 'botbuilder';
import type { Bot } from '../../bot/core/bot.js';
import type { Inbound, Outbound, PlatformIdentity } from '../../bot/core/types.js';
import { t } from '../../bot/i18n/index.js';
import type { Logger } from '../../bot/log/logger.js';
import { deliverOrDefer } from '../shared/deliver.js';
import { identityOf, type MemberDirectory, PLATFORM } from './identity.js';
import { referenceFromContext } from './reference.js';
import { toActivity } from './render.js';

export interface TurnDeps {
  bot: Bot;
  logger: Logger;
  members: MemberDirectory;
  references: ReferenceMemory;
  /** Longest the core may take for one event before the person gets an error reply. */
  turnBudgetMs: number;
}

/** Inside the Bot Service's 15 s for an invoke, with room to post the answer. */
export const DEFAULT_TURN_BUDGET_MS = 10_000;

/** The manifest declares the personal scope only; the Emulator sends no conversation type. */
export function isPersonal(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

export const eventKey = (context: TurnContext): string => `${PLATFORM}:${context.activity.id ?? ''}`;

export async function senderOf(context: TurnContext, deps: TurnDeps): Promise<PlatformIdentity> {
  return identityOf(context, await deps.members.lookup(context));
}

/**
 * Runs the core within the turn's time budget; a failure or a turn over budget becomes a short apology in the
 * user's language instead of silence, logged with the event key. A turn over budget still finishes: what it
 * answers then goes to the outbox, so a late answer is delivered rather than lost.
 */
export async function handleInbound(context: TurnContext, deps: TurnDeps, inbound: Inbound): Promise<Outbound[]> {
  const apology = (): Outbound[] => [{ text: t(context.activity.locale, 'common.error') }];
  const turn = deps.bot.handle(inbound);
  let timer: NodeJS.Timeout | undefined;
  const overBudget = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deps.turnBudgetMs);
  });
  try {
    const outcome = await Promise.race([turn, overBudget]);
    if (outcome !== 'timeout') return outcome;
  } catch (error) {
    deps.logger.error(
      { event: 'teams.handle_failed', key: inbound.key, err: error, kind: inbound.kind },
      'the bot failed an event',
    );
    return apology();
  } finally {
    clearTimeout(timer);
  }
  deps.logger.error(
    { event: 'turn.timeout', key: inbound.key, kind: inbound.kind, budgetMs: deps.turnBudgetMs },
    'a turn took longer than its budget',
  );
  turn.then(
    (late) => {
      if (late.length > 0 && inbound.kind !== 'uninstalled') void deferLate(deps, inbound, late);
    },
    (error: unknown) =>
      deps.logger.error({ event: 'teams.handle_failed', key: inbound.key, err: error }, 'late turn failed'),
  );
  return apology();
}

async function deferLate(deps: TurnDeps, inbound: Inbound, late: Outbound[]): Promise<void> {
  try {
    // The card a late answer replaces may still be shown: send it as a new message rather than an update.
    await deps.bot.deliverLater(inbound.from, late, `${inbound.key}:late`);
  } catch (error) {
    deps.logger.error({ event: 'turn.late_lost', key: inbound.key, err: error }, 'a late answer could not be kept');
  }
}

/**
 * Posts the core's replies in order: new messages, and replacements as in-place updates of the old card. The turn is
 * already recorded, so what cannot be posted now goes to the outbox (retried there) instead of being lost.
 */
export async function deliverReplies(
  context: TurnContext,
  deps: TurnDeps,
  outs: readonly Outbound[],
  from: PlatformIdentity,
): Promise<void> {
  const conversationId = context.activity.conversation.id;
  await deliverOrDefer({
    bot: deps.bot,
    from,
    key: eventKey(context),
    replies: outs,
    post: async (out) => {
      const replaces = out.replaces;
      if (replaces?.platform === PLATFORM && replaces.channelId === conversationId) {
        await context.updateActivity({ ...toActivity(out, deps.logger), id: replaces.messageId });
      } else {
        await context.sendActivity(toActivity(out, deps.logger));
      }
    },
    log: deps.logger,
    platform: PLATFORM,
  });
}

/**
 * Stores the conversation reference the first time this process sees a user (after the core has had the
 * chance to link the identity), so proactive messages work even when the install event was missed.
 */
export interface ReferenceMemory {
  remember(context: TurnContext, from: PlatformIdentity, bot: Bot, logger: Logger): Promise<void>;
  forget(from: PlatformIdentity): void;
}

export function createReferenceMemory(maxEntries = 20_000): ReferenceMemory {
  const seen = new Set<string>();
  const keyOf = (from: PlatformIdentity) => `${from.tenantId}|${from.userId}`;
  return {
    async remember(context, from, bot, logger) {
      const key = keyOf(from);
      if (seen.has(key)) return;
      if (seen.size >= maxEntries) seen.clear();
      seen.add(key);
      try {
        await bot.saveReference(from, referenceFromContext(context));
      } catch (error) {
        seen.delete(key);
        logger.warn({ event: 'teams.save_reference_failed', err: error }, 'could not store the conversation reference');
      }
    },
    forget(from) {
      seen.delete(keyOf(from));
    },
  };
}
