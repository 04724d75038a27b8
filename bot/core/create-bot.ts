// The platform-neutral core: `createBot(deps).handle(inbound)` for every surface (Slack, Teams, playground).
//
// A turn reads (identity, conversation, what the flow needs, maybe an LLM call) without holding a transaction,
// then commits its result in one: the idempotency key, the conversation row guarded by its version, and the
// writes. A repeated key has no effect; a conversation changed meanwhile by another instance makes the turn
// run again on the fresh state; a crash before the commit leaves the event unhandled, so a redelivery works.
import { AlreadyAnsweredError } from '../../db/queries/feedback.js';
import { enqueueOutbox } from '../../db/queries/outbox.js';
import { listPeople } from '../../db/queries/people.js';
import { loadConversation } from '../../db/queries/conversations.js';
import { loadTurnContext } from '../../db/queries/turn-context.js';
import { isTransientDbError } from '../../db/transient.js';
import { t } from '../i18n/index.js';
import type { Bot, BotDependencies, CreateBot, DirectoryEntry } from './bot.js';
import { commitTurn } from './commit.js';
import { ConversationConflictError, DuplicateEventError } from './errors.js';
import { resolveSender, type Sender } from './identity.js';
import { installedTurn, uninstalledTurn } from './lifecycle.js';
import { createRouter } from './router.js';
import { cleanText, MAX_MESSAGE_CHARS } from './text.js';
import { localDate, zoneOr } from './time.js';
import { reply, type TurnContext, type TurnEnv, type TurnResult } from './turn.js';
import type { Inbound, Outbound, PlatformIdentity } from './types.js';
import type { CardSpec } from '../../cards/spec.js';
import { linkIdentity, refreshIdentityReference } from '../../db/queries/identities.js';

/** Attempts per event when the conversation keeps changing underneath (a double click, two instances). */
const MAX_ATTEMPTS = 3;
/**
 * How long an event waits for a database that went away (a restart, a failover) before it is answered with an
 * error: the platform was already acknowledged and will not send it again, so giving up at once would lose it.
 */
export const DB_RETRY_MS = 60_000;

export const createBot: CreateBot = (deps: BotDependencies): Bot => {
  const clock = deps.now ?? (() => new Date());
  const env: TurnEnv = { assistant: deps.assistant, logger: deps.logger, settings: deps.settings };
  const { db, logger } = deps;
  const router = createRouter(deps.routes);

  async function runTurn(ctx: TurnContext, inbound: Inbound): Promise<TurnResult> {
    switch (inbound.kind) {
      case 'text': {
        const clean = cleanText(inbound.text);
        const result = await router.text(ctx, clean.text);
        if (!clean.truncated) return result;
        const notice = reply(
          t(ctx.person.locale, 'common.truncated', { max: MAX_MESSAGE_CHARS.toLocaleString(ctx.person.locale) }),
        );
        return { ...result, replies: [notice, ...result.replies] };
      }
      case 'action':
        return router.action(ctx, {
          verb: inbound.verb,
          data: inbound.data,
          inputs: inbound.inputs ?? {},
          message: inbound.message,
        });
      case 'installed':
        return installedTurn(ctx, inbound.from, inbound.reference);
      case 'uninstalled':
        return uninstalledTurn(inbound.from);
    }
  }

  async function handleEvent(inbound: Inbound, seen: { locale: string }): Promise<Outbound[]> {
    // The event check, the sender and their conversation in one round trip (it runs for every message).
    const context = await loadTurnContext(db, { key: inbound.key, from: inbound.from });
    if (context.processed) return [];
    const sender: Sender | null = context.person ? { person: context.person, link: context.link } : null;
    if (!sender) {
      // Not on the roster: a short answer and nothing stored, not even the event key.
      if (inbound.kind === 'uninstalled') return [];
      return [reply(t(deps.settings.defaultLocale, 'common.notEnrolled'))];
    }
    // So that even an unexpected failure is answered in the person's language.
    seen.locale = sender.person.locale || deps.settings.defaultLocale;
    for (let attempt = 1; ; attempt++) {
      const now = clock();
      const person = sender.person;
      const zone = zoneOr(person.timeZone, deps.settings.defaultTimeZone);
      const ctx: TurnContext = {
        db,
        env,
        person: { ...person, timeZone: zone, locale: person.locale || deps.settings.defaultLocale },
        // A retry after a conflict reads the conversation again: someone else just changed it.
        conversation: attempt === 1 ? context.conversation : ((await loadConversation(db, person.id)) ?? null),
        now,
        today: localDate(now, zone),
      };
      const result = await runTurn(ctx, inbound);
      if (result.record === false) return result.replies;
      try {
        const reference = inbound.kind === 'installed' ? inbound.reference : undefined;
        await commitTurn(db, { key: inbound.key, from: inbound.from, sender, ctx, result, reference });
        return result.replies;
      } catch (error) {
        if (error instanceof DuplicateEventError) return [];
        // Two submits of one feedback card raced (a double click, two devices): the other one was stored.
        if (error instanceof AlreadyAnsweredError) return [reply(t(ctx.person.locale, 'feedback.already'))];
        if (!(error instanceof ConversationConflictError)) throw error;
        logger.info({ event: 'turn.conflict', attempt, personId: person.id }, 'conversation changed meanwhile');
        if (attempt >= MAX_ATTEMPTS) return [reply(t(ctx.person.locale, 'common.busy'))];
      }
    }
  }

  /** The whole event again while the database is unreachable: nothing of it was committed, so it is safe. */
  async function handleWhenReachable(inbound: Inbound, seen: { locale: string }): Promise<Outbound[]> {
    const deadline = Date.now() + DB_RETRY_MS;
    for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
      try {
        return await handleEvent(inbound, seen);
      } catch (error) {
        if (!isTransientDbError(error) || Date.now() + wait > deadline) throw error;
        logger.warn(
          { event: 'turn.db_unreachable', key: inbound.key, kind: inbound.kind, retryInMs: wait },
          'database unreachable: the event runs again',
        );
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  return {
    async handle(inbound: Inbound): Promise<Outbound[]> {
      const started = Date.now();
      const seen = { locale: deps.settings.defaultLocale };
      try {
        const replies = await handleWhenReachable(inbound, seen);
        logger.debug({ event: 'turn', kind: inbound.kind, ms: Date.now() - started }, 'handled');
        return replies;
      } catch (error) {
        // Never the message text: it is the student's own words. The class and code are enough to find it.
        const errorClass = error instanceof Error ? error.constructor.name : typeof error;
        const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : undefined;
        logger.error(
          { event: 'turn.failed', key: inbound.key, kind: inbound.kind, errorClass, code, err: error },
          'turn failed',
        );
        return [reply(t(seen.locale, 'common.error'))];
      }
    },

    async deliverLater(from: PlatformIdentity, replies: Outbound[], key: string): Promise<void> {
      const sender = await resolveSender(db, from);
      if (!sender) return;
      await db.transaction(async (tx) => {
        for (const [i, out] of replies.entries()) {
          await enqueueOutbox(tx, { dedupeKey: `reply:${key}:${i}`, personId: sender.person.id, payload: out });
        }
      });
      logger.warn({ event: 'reply.deferred', count: replies.length }, 'replies handed to the outbox');
    },

    async saveReference(from: PlatformIdentity, reference: unknown): Promise<void> {
      const sender = await resolveSender(db, from);
      // Someone not on the roster: nothing is stored about them.
      if (!sender) return;
      await db.transaction(async (tx) => {
        if (sender.link) await linkIdentity(tx, sender.person.id, from, reference);
        await refreshIdentityReference(tx, from, reference);
      });
    },

    async home(from: PlatformIdentity): Promise<CardSpec | null> {
      const sender = await resolveSender(db, from);
      if (!sender) return null;
      const person = sender.person;
      return deps.routes.home(db, { ...person, locale: person.locale || deps.settings.defaultLocale });
    },

    async directory(): Promise<DirectoryEntry[]> {
      return (await listPeople(db)).map((p) => ({
        personId: p.id,
        name: p.name,
        email: p.email,
        roles: p.roles,
        locale: p.locale,
      }));
    },
  };
};
