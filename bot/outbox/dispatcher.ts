// Sends planned outbox messages through the surfaces (Slack, Teams, playground). One tick claims due rows with
// a lease, sends each under the platform's rate limit and records the outcome; a process killed mid-send leaves
// the row leased, and the next tick after the lease expires sends it again — nothing is lost.
import type { Db } from '../../db/db.js';
import {
  claimDueOutbox,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
  type OutboxRow,
  personContact,
  reachableIdentities,
} from '../../db/queries/outbox.js';
import { markIdentityUnreachable } from '../../db/queries/identities.js';
import type { Outbound, Platform, Recipient, Surface } from '../core/types.js';
import type { Logger } from '../log/logger.js';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';

export interface DispatcherOptions {
  db: Db;
  surfaces: () => ReadonlyMap<Platform, Surface>;
  logger: Logger;
  /**
   * Where to deliver to a person with no linked identity yet (the local playground keys people by email);
   * unset: such messages wait for the person to contact the bot or install the app.
   */
  fallbackPlatform?: Platform;
  batchSize?: number;
  leaseMs?: number;
  now?: () => Date;
  limiters?: Partial<Record<Platform, RateLimiter>>;
}

export interface Dispatcher {
  /** Sends what is due now; returns how many messages it handled. */
  tick(): Promise<number>;
  start(intervalMs?: number): void;
  /** Stops the timer and waits for the tick in progress. */
  stop(): Promise<void>;
}

const defaultLimiters = (): Record<Platform, RateLimiter> => ({
  slack: createRateLimiter(1, 3),
  teams: createRateLimiter(40, 40),
  web: createRateLimiter(1000, 1000),
});

/** Surfaces name the scope of a terminal error: Slack as `(message)`/`(app)`, Teams by its HTTP status. */
const isMessageOrAppProblem = (reason: string): boolean =>
  /\((message|app)\)/.test(reason) || /^(400|401|413)\b/.test(reason);

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, logger } = options;
  const now = options.now ?? (() => new Date());
  const limiters = { ...defaultLimiters(), ...options.limiters };
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<number> | undefined;

  const recipientFor = async (row: OutboxRow): Promise<Recipient | undefined> => {
    const surfaces = options.surfaces();
    const identity = (await reachableIdentities(db, row.personId)).find((i) => surfaces.has(i.platform));
    if (identity) {
      return {
        personId: row.personId,
        platform: identity.platform,
        tenantId: identity.tenantId,
        userId: identity.userId,
        reference: identity.reference,
        locale: identity.locale,
      };
    }
    const fallback = options.fallbackPlatform;
    if (!fallback || !surfaces.has(fallback)) return undefined;
    const contact = await personContact(db, row.personId);
    if (!contact) return undefined;
    return {
      personId: row.personId,
      platform: fallback,
      tenantId: 'local',
      userId: contact.email,
      reference: null,
      locale: contact.locale,
    };
  };

  const retryOrFail = async (
    row: OutboxRow,
    platform: Platform | null,
    errorClass: string,
    error: string,
    retryAfterMs?: number,
  ) => {
    if (row.attempts >= MAX_ATTEMPTS) {
      await markOutboxFailed(db, row.id, { platform, errorClass: `gave_up:${errorClass}`, error });
      logger.warn({ outboxId: row.id, errorClass, attempts: row.attempts }, 'outbox: giving up');
      return;
    }
    const nextAttemptAt = new Date(now().getTime() + retryDelayMs(row.attempts, retryAfterMs));
    await markOutboxRetry(db, row.id, { platform, nextAttemptAt, errorClass, error });
  };

  const deliver = async (row: OutboxRow) => {
    const recipient = await recipientFor(row);
    if (!recipient) {
      await retryOrFail(row, null, 'no_identity', 'the person has no reachable chat identity yet', 60 * 60_000);
      return;
    }
    const surface = options.surfaces().get(recipient.platform)!;
    await limiters[recipient.platform].take(`${recipient.platform}:${recipient.tenantId}`);
    let delivery: Awaited<ReturnType<Surface['send']>>;
    try {
      delivery = await surface.send(recipient, row.payload as Outbound);
    } catch (error) {
      // A surface should return a Delivery, but an unexpected throw must not lose the message.
      delivery = { ok: false, retryAfterMs: 0, reason: `unexpected: ${(error as Error).message}` };
    }
    if (delivery.ok) {
      await markOutboxSent(db, row.id, recipient.platform, delivery.message);
    } else if (delivery.terminal) {
      await markOutboxFailed(db, row.id, {
        platform: recipient.platform,
        errorClass: 'terminal',
        error: delivery.reason,
      });
      // Blocked, uninstalled, gone: the admin sees it, and sends stop trying this way. A message or app problem
      // (too large, bad blocks, a revoked token) says nothing about the person, who stays reachable.
      if (!isMessageOrAppProblem(delivery.reason)) {
        await markIdentityUnreachable(db, recipient, delivery.reason.slice(0, 200));
      }
      logger.warn({ outboxId: row.id, platform: recipient.platform, reason: delivery.reason }, 'outbox: undeliverable');
    } else {
      await retryOrFail(row, recipient.platform, 'retryable', delivery.reason, delivery.retryAfterMs);
    }
  };

  const tick = async (): Promise<number> => {
    const rows = await claimDueOutbox(db, options.batchSize ?? 50, options.leaseMs ?? 60_000, now());
    for (const row of rows) {
      try {
        await deliver(row);
      } catch (error) {
        // Database trouble while recording: the lease expires and the row is tried again.
        logger.error({ err: error, outboxId: row.id }, 'outbox: delivery bookkeeping failed');
      }
    }
    return rows.length;
  };

  return {
    tick() {
      running = (running ?? Promise.resolve(0)).then(tick, tick);
      return running;
    },
    start(intervalMs = 1_000) {
      if (timer) return;
      stopped = false;
      const loop = async () => {
        try {
          await this.tick();
        } catch (error) {
          logger.error({ err: error }, 'outbox: tick failed');
        }
        if (stopped) return;
        timer = setTimeout(loop, intervalMs);
        timer.unref();
      };
      timer = setTimeout(loop, 0);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
