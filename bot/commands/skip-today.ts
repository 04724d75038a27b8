// "vandaag overslaan" / "skip today": no more nudges today, in the person's own time zone.
import { setSkipNudgesOn } from '../../db/queries/person-settings.js';
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { t } from '../i18n/index.js';

export async function skipTodayCommand(ctx: TurnContext): Promise<TurnResult> {
  return {
    replies: [reply(t(ctx.person.locale, 'skipToday.set'))],
    writes: [(tx) => setSkipNudgesOn(tx, ctx.person.id, ctx.today)],
  };
}
