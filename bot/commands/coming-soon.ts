// Chat words whose feature is not built yet say so rather than staying silent.
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { t } from '../i18n/index.js';

export async function comingSoonCommand(ctx: TurnContext): Promise<TurnResult> {
  return { replies: [reply(t(ctx.person.locale, 'common.comingSoon'))] };
}
