// Who sent an activity, in the core's terms. Teams names a user three ways: the per-bot id (`29:…`), the Entra
// ID (AAD) object id, and the email/UPN, which only the roster API gives. The core keys identities on tenant +
// AAD object id (stable across bots and reinstalls) and links them to roster people by email, so on the first
// activity from a user this process asks Teams for the member once and remembers the answer.
import { type TurnContext, TeamsInfo } from 'botbuilder';
import type { PlatformIdentity } from '../../bot/core/types.js';
import type { Logger } from '../../bot/log/logger.js';

export const PLATFORM = 'teams';

export interface MemberInfo {
  email?: string;
  name?: string;
}

/** Tenant id from the conversation, else from Teams' channel data. */
export function tenantOf(context: TurnContext): string {
  const a = context.activity;
  const channelTenant = (a.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return a.conversation?.tenantId ?? (typeof channelTenant === 'string' ? channelTenant : '');
}

export function identityOf(context: TurnContext, member?: MemberInfo): PlatformIdentity {
  const from = context.activity.from;
  const identity: PlatformIdentity = {
    platform: PLATFORM,
    tenantId: tenantOf(context),
    userId: from.aadObjectId ?? from.id,
  };
  const name = member?.name ?? from.name;
  if (name) identity.displayName = name;
  if (member?.email) identity.email = member.email;
  return identity;
}

export interface MemberDirectory {
  /** The member's email (and name) as Teams knows it; cached per process, failed look-ups are not. */
  lookup(context: TurnContext): Promise<MemberInfo>;
  forget(context: TurnContext): void;
  readonly size: number;
}

/** Per-process cache of getMember answers, bounded so a large tenant cannot grow it without end. */
export function createMemberDirectory(logger: Logger, maxEntries = 20_000): MemberDirectory {
  const cache = new Map<string, MemberInfo>();
  const inFlight = new Map<string, Promise<MemberInfo>>();
  const keyOf = (context: TurnContext) => `${tenantOf(context)}|${context.activity.from.id}`;

  /** undefined when Teams could not be asked (worth asking again next time). */
  const fetchMember = async (context: TurnContext): Promise<MemberInfo | undefined> => {
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      const email = (member.email ?? member.userPrincipalName ?? '').trim();
      return { ...(email ? { email } : {}), ...(member.name ? { name: member.name } : {}) };
    } catch (error) {
      // Not fatal: without an email the core answers "not enrolled" unless it already knows the identity.
      logger.warn(
        { event: 'teams.member_lookup_failed', err: error, status: (error as { statusCode?: number }).statusCode },
        'could not look the Teams member up',
      );
      return undefined;
    }
  };

  return {
    async lookup(context) {
      const key = keyOf(context);
      const hit = cache.get(key);
      if (hit) return hit;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = fetchMember(context).then((info) => {
          if (!info) return {};
          // Oldest entry out first (a Map keeps insertion order).
          if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
          cache.set(key, info);
          return info;
        });
        inFlight.set(key, pending);
        void pending.finally(() => inFlight.delete(key));
      }
      return pending;
    },
    forget(context) {
      cache.delete(keyOf(context));
    },
    get size() {
      return cache.size;
    },
  };
}
