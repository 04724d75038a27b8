// Chat words whose feature comes in a later issue ("voortgang", "feedback voor NAAM", "admin …") say so.
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { t } from '../i18n/index.js';

export async function comingSoonCommand(ctx: TurnContext): Promise<TurnResult> {
  return { replies: [reply(t(ctx.person.locale, 'common.comingSoon'))] };
}

export async function adminCommand(ctx: TurnContext): Promise<TurnResult> {
  if (!ctx.person.roles.includes('admin')) return { replies: [reply(t(ctx.person.locale, 'common.adminOnly'))] };
  return comingSoonCommand(ctx);
}
