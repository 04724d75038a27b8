// What the surfaces share about getting an Outbound to a person: the replies of a stored turn are posted now or
// handed to the outbox, and a recipient of another platform is refused without blaming the person.
import type { Bot } from '../../bot/core/bot.js';
import type { DeliveryFailure, Outbound, Platform, PlatformIdentity, Recipient } from '../../bot/core/types.js';
import type { Logger } from '../../bot/log/logger.js';

export interface DeliverOrDeferOptions {
  bot: Pick<Bot, 'deliverLater'>;
  /** The sender of the turn, whom the replies are for. */
  from: PlatformIdentity;
  /** The turn's event key: the outbox rows are `reply:<key>:<n>`, so a repeated defer stores nothing twice. */
  key: string;
  replies: readonly Outbound[];
  /** Posts one reply on the platform; throws when it was not posted. */
  post: (out: Outbound) => Promise<unknown>;
  log: Logger;
  platform: Platform;
}

/**
 * Posts replies in order. The turn is already stored, so the platform's redelivery would not bring them back: the
 * first reply that cannot be posted now, and every one after it (to keep their order), go to the outbox, which
 * retries them and decides by the failure's scope. Returns how many were deferred.
 */
export async function deliverOrDefer(o: DeliverOrDeferOptions): Promise<number> {
  for (const [i, out] of o.replies.entries()) {
    try {
      await o.post(out);
    } catch (error) {
      const rest = o.replies.slice(i);
      o.log.warn(
        { event: `${o.platform}.reply_failed`, err: error, deferred: rest.length },
        'a reply could not be posted; handed to the outbox',
      );
      await o.bot.deliverLater(o.from, rest, o.key);
      return rest.length;
    }
  }
  return 0;
}

/** The dispatcher asked the wrong surface: a wiring fault of the app, which says nothing about the person. */
export function otherPlatform(platform: Platform, to: Recipient): DeliveryFailure | undefined {
  return to.platform === platform ? undefined : { ok: false, scope: 'app', reason: `not a ${platform} recipient` };
}
