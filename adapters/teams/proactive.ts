// Proactive messages (nudges, mentor cards, digests) for the outbox dispatcher: continue the stored 1:1
// conversation; when only the user and tenant are known, create that conversation once, store its reference
// and use it from then on. Every failure is classified (errors.ts) so the outbox knows to wait or give up.
import type { CloudAdapter, ConversationParameters, ResourceResponse, TurnContext } from 'botbuilder';
import type { Bot } from '../../bot/core/bot.js';
import type { Delivery, Outbound, PlatformIdentity, Recipient, Surface } from '../../bot/core/types.js';
import type { Logger } from '../../bot/log/logger.js';
import { otherPlatform } from '../shared/deliver.js';
import { withoutInlineRetry } from './auth.js';
import { classifyTeamsError } from './errors.js';
import { PLATFORM } from './identity.js';
import { partialReference, type StoredReference, storedReference, toConversationReference } from './reference.js';
import { toActivity } from './render.js';
import { setBounded } from '../../bot/core/bounded.js';

/** Entries kept in this per-process cache; the database has them all. */
const MAX_CREATED = 10_000;

export interface ProactiveOptions {
  adapter: CloudAdapter;
  appId: string;
  bot: Bot;
  logger: Logger;
  /** Where to create conversations for people with no stored reference (Teams' global endpoint by default). */
  defaultServiceUrl?: string;
}

export const DEFAULT_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
const TEAMS_CHANNEL = 'msteams';

export function createTeamsSurface(options: ProactiveOptions): Surface & { pending(): number } {
  const { adapter, appId, bot, logger } = options;
  const log = logger.child({ adapter: PLATFORM });
  // Conversations created by this process, so a burst of sends to a new person creates one chat, not many.
  const created = new Map<string, Promise<StoredReference>>();
  let inFlight = 0;

  const createConversation = (to: Recipient, serviceUrl: string, userId: string): Promise<StoredReference> => {
    const key = `${to.tenantId}|${to.userId}`;
    let pending = created.get(key);
    if (pending) return pending;
    pending = (async () => {
      const parameters: ConversationParameters = {
        isGroup: false,
        bot: { id: `28:${appId}`, name: '' },
        members: [{ id: userId, name: '' }],
        tenantId: to.tenantId,
        channelData: { tenant: { id: to.tenantId } },
      };
      let reference: StoredReference | undefined;
      await adapter.createConversationAsync(
        appId,
        TEAMS_CHANNEL,
        serviceUrl,
        // undefined → botbuilder's configured ToChannelFromBotOAuthScope (the right one for the cloud in use).
        undefined as unknown as string,
        parameters,
        async (context: TurnContext) => {
          reference = {
            channelId: TEAMS_CHANNEL,
            serviceUrl,
            conversation: { id: context.activity.conversation.id, conversationType: 'personal', tenantId: to.tenantId },
            user: { id: userId, aadObjectId: to.userId },
            bot: { id: `28:${appId}` },
          };
        },
      );
      if (!reference) throw new Error('createConversation returned no conversation');
      const identity: PlatformIdentity = { platform: PLATFORM, tenantId: to.tenantId, userId: to.userId };
      await bot.saveReference(identity, reference);
      log.info({ event: 'teams.conversation_created', personId: to.personId }, 'created the 1:1 chat');
      return reference;
    })();
    setBounded(created, key, pending, MAX_CREATED);
    // A failed creation may be retried by the outbox later.
    pending.catch(() => created.delete(key));
    return pending;
  };

  const resolveReference = async (to: Recipient): Promise<StoredReference> => {
    const full = storedReference.safeParse(to.reference);
    if (full.success) return full.data;
    const known = await created.get(`${to.tenantId}|${to.userId}`)?.catch(() => undefined);
    if (known) return known;
    const partial = partialReference.safeParse(to.reference ?? {});
    const serviceUrl = (partial.success && partial.data.serviceUrl) || options.defaultServiceUrl || DEFAULT_SERVICE_URL;
    const userId = (partial.success && partial.data.user?.id) || to.userId;
    return createConversation(to, serviceUrl, userId);
  };

  return {
    platform: PLATFORM,
    pending: () => inFlight,
    async send(to: Recipient, out: Outbound): Promise<Delivery> {
      const refused = otherPlatform(PLATFORM, to);
      if (refused) return refused;
      // A stored identity without them can never be reached this way.
      if (!to.tenantId || !to.userId) return { ok: false, scope: 'recipient', reason: 'no Teams tenant or user id' };
      inFlight++;
      try {
        return await withoutInlineRetry(() => deliver(to, out));
      } catch (error) {
        const delivery = classifyTeamsError(error);
        log.warn(
          { event: 'teams.send_failed', personId: to.personId, scope: delivery.scope, reason: delivery.reason },
          'proactive message not delivered',
        );
        return delivery;
      } finally {
        inFlight--;
      }
    },
  };

  async function deliver(to: Recipient, out: Outbound): Promise<Delivery> {
    const reference = await resolveReference(to);
    const conversationId = reference.conversation.id;
    let response: ResourceResponse | undefined;
    await adapter.continueConversationAsync(appId, toConversationReference(reference), async (context) => {
      // botbuilder gives the continuation a random id and would send every message as a reply to it.
      context.activity.id = undefined;
      const activity = toActivity(out, log);
      const replaces = out.replaces;
      if (replaces?.platform === PLATFORM && replaces.channelId === conversationId) {
        try {
          response = (await context.updateActivity({ ...activity, id: replaces.messageId })) ?? {
            id: replaces.messageId,
          };
          return;
        } catch (error) {
          // The card is gone or frozen (a 404 here is about that message, not the person): post it anew, which
          // fails on its own terms if the person is the problem.
          if (classifyTeamsError(error).scope === 'transient') throw error;
          log.debug({ event: 'teams.update_fallback', personId: to.personId }, 'card not updatable; posting');
        }
      }
      response = await context.sendActivity(activity);
    });
    return { ok: true, message: { platform: PLATFORM, channelId: conversationId, messageId: response?.id ?? '' } };
  }
}
