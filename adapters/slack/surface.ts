// The outbox's way into Slack: `send(recipient, outbound)` → Delivery. It never sleeps on a rate limit (its client
// rejects rate-limited calls); a 429 comes back as `retryAfterMs` and the outbox schedules the retry.
import { webApi } from '@slack/bolt';
import type { Delivery, Outbound, PlatformIdentity, Recipient, Surface } from '../../bot/core/types.js';
import type { Logger } from '../../bot/log/logger.js';
import { otherPlatform } from '../shared/deliver.js';
import { deliveryFromError } from './delivery-errors.js';
import { channelFromReference, type DmChannels } from './dm-channels.js';
import { PLATFORM } from './inbound.js';
import { postOutbound } from './post.js';

export interface SlackSurfaceOptions {
  client: webApi.WebClient;
  channels: DmChannels;
  logger: Logger;
}

export function createSlackSurface({ client, channels, logger }: SlackSurfaceOptions): Surface {
  return {
    platform: PLATFORM,
    async send(to: Recipient, out: Outbound): Promise<Delivery> {
      const refused = otherPlatform(PLATFORM, to);
      if (refused) return refused;
      const who: PlatformIdentity = { platform: PLATFORM, tenantId: to.tenantId, userId: to.userId };
      const stored = channelFromReference(to.reference);
      try {
        const channelId = stored ?? (await channels.open(client, who));
        try {
          return { ok: true, message: await postOutbound(client, channelId, out, logger) };
        } catch (error) {
          // A stored DM id Slack no longer knows: reopen the DM once and store the new id.
          if (!stored || !isChannelGone(error)) throw error;
          channels.forget(to.userId);
          const reopened = await channels.open(client, who);
          return { ok: true, message: await postOutbound(client, reopened, out, logger) };
        }
      } catch (error) {
        const delivery = deliveryFromError(error);
        logger.debug(
          { event: 'slack.send_failed', scope: delivery.scope, reason: delivery.reason, personId: to.personId },
          'send failed',
        );
        return delivery;
      }
    },
  };
}

const isChannelGone = (error: unknown) =>
  error instanceof webApi.WebAPIPlatformError && error.data.error === 'channel_not_found';
