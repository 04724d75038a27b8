// "hervat" / "resume": nudges back on; a paused reflection picks up again too, since that is what a student
// who types "hervat" after "stop" means.
import { clearNudgePauses } from '../../db/queries/person-settings.js';
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { t } from '../i18n/index.js';
import { readConversation } from '../flows/active.js';
import { resumeReflection } from '../flows/reflection/start.js';

export async function resumeCommand(ctx: TurnContext): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const clear = (tx: Parameters<typeof clearNudgePauses>[0]) => clearNudgePauses(tx, ctx.person.id);
  const active = readConversation(ctx.conversation);
  if (active.kind === 'reflection' && active.state.paused) {
    const resumed = await resumeReflection(ctx, active.state, [t(locale, 'resume.done')]);
    return { ...resumed, writes: [clear, ...(resumed.writes ?? [])] };
  }
  return { replies: [reply(t(locale, 'resume.done'))], writes: [clear] };
}
