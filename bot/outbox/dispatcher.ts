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
import { releaseOutboxUntil } from '../../db/queries/outbox-hold.js';
import type { Delivery, Outbound, Platform, Recipient, Surface } from '../core/types.js';
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
  /** Longest one send may take before it counts as a retryable timeout (a platform that never answers). */
  sendTimeoutMs?: number;
  /** When to try again after a retryable failure (tests shorten the backoff; Retry-After is honoured as given). */
  retryDelay?: typeof retryDelayMs;
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

/** Sends run one after another: a surface that never answers (a hung socket, a token fetch) must not stop them all. */
export const SEND_TIMEOUT_MS = 30_000;

/** A surface should return a Delivery, but an unexpected throw or no answer at all must not lose the message. */
async function sendSafely(surface: Surface, to: Recipient, out: Outbound, timeoutMs: number): Promise<Delivery> {
  let timeout: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      surface.send(to, out),
      new Promise<Delivery>((resolve) => {
        timeout = setTimeout(
          () => resolve({ ok: false, scope: 'transient', reason: `timeout: no answer in ${timeoutMs} ms` }),
          timeoutMs,
        );
      }),
    ]);
  } catch (error) {
    return { ok: false, scope: 'transient', reason: `unexpected: ${(error as Error).message}` };
  } finally {
    clearTimeout(timeout);
  }
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, logger } = options;
  const now = options.now ?? (() => new Date());
  const limiters = { ...defaultLimiters(), ...options.limiters };
  const sendTimeoutMs = options.sendTimeoutMs ?? SEND_TIMEOUT_MS;
  const retryDelay = options.retryDelay ?? retryDelayMs;
  /** Per platform and tenant: no sends before this instant (the platform's Retry-After after a 429). */
  const holds = new Map<string, Date>();
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
    const nextAttemptAt = new Date(now().getTime() + retryDelay(row.attempts, retryAfterMs));
    await markOutboxRetry(db, row.id, { platform, nextAttemptAt, errorClass, error });
  };

  const deliver = async (row: OutboxRow) => {
    const recipient = await recipientFor(row);
    if (!recipient) {
      await retryOrFail(row, null, 'no_identity', 'the person has no reachable chat identity yet', 60 * 60_000);
      return;
    }
    const surface = options.surfaces().get(recipient.platform)!;
    const key = `${recipient.platform}:${recipient.tenantId}`;
    const held = holds.get(key);
    if (held && held > now()) {
      // Not tried at all: back in the queue for when the platform said it would take messages again.
      await releaseOutboxUntil(db, row.id, held);
      return;
    }
    await limiters[recipient.platform].take(key);
    const delivery = await sendSafely(surface, recipient, row.payload as Outbound, sendTimeoutMs);
    if (!delivery.ok && delivery.scope === 'transient' && delivery.throttled && (delivery.retryAfterMs ?? 0) > 0) {
      holds.set(key, new Date(now().getTime() + (delivery.retryAfterMs ?? 0)));
    }
    if (delivery.ok) {
      await markOutboxSent(db, row.id, recipient.platform, delivery.message);
      return;
    }
    const { platform } = recipient;
    const failed = () => markOutboxFailed(db, row.id, { platform, errorClass: delivery.scope, error: delivery.reason });
    const logged = { outboxId: row.id, platform, scope: delivery.scope, reason: delivery.reason };
    switch (delivery.scope) {
      case 'transient':
        await retryOrFail(row, platform, delivery.scope, delivery.reason, delivery.retryAfterMs);
        return;
      case 'recipient':
        // Blocked, uninstalled, gone: the admin sees it, and sends stop trying this way.
        await failed();
        await markIdentityUnreachable(db, recipient, delivery.reason.slice(0, 200));
        logger.warn(logged, 'outbox: recipient unreachable');
        return;
      case 'message':
        // Says nothing about the person, who stays reachable for the next message.
        await failed();
        logger.warn(logged, 'outbox: message refused');
        return;
      case 'app':
        // Every message on this platform will fail until an admin fixes the installation; the people are fine.
        await failed();
        logger.error(logged, 'outbox: the app cannot send (an admin must act)');
        return;
      default: {
        const unknown: never = delivery;
        throw new Error(`unknown delivery scope ${JSON.stringify(unknown)}`);
      }
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
