// The app was installed (a conversation reference to store, a welcome) or uninstalled (stop reaching out).
import { markIdentityUnreachable, refreshIdentityReference } from '../../db/queries/identities.js';
import { t } from '../i18n/index.js';
import { reply, type TurnContext, type TurnResult } from './turn.js';
import type { PlatformIdentity } from './types.js';

export function installedTurn(ctx: TurnContext, from: PlatformIdentity, reference: unknown): TurnResult {
  return {
    replies: [reply(t(ctx.person.locale, 'common.welcome', { name: ctx.person.name.split(' ')[0] ?? '' }))],
    writes: [(tx) => refreshIdentityReference(tx, from, reference)],
  };
}

export function uninstalledTurn(from: PlatformIdentity): TurnResult {
  return { replies: [], writes: [(tx) => markIdentityUnreachable(tx, from, 'uninstalled')] };
}
