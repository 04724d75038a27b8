// Chat words whose feature is not built yet ("admin …") say so rather than staying silent.
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { t } from '../i18n/index.js';

export async function comingSoonCommand(ctx: TurnContext): Promise<TurnResult> {
  return { replies: [reply(t(ctx.person.locale, 'common.comingSoon'))] };
}

export async function adminCommand(ctx: TurnContext): Promise<TurnResult> {
  if (!ctx.person.roles.includes('admin')) return { replies: [reply(t(ctx.person.locale, 'common.adminOnly'))] };
  return comingSoonCommand(ctx);
}
