// "pauze tot DATUM" / "pause until DATE": no nudges until that date (people.nudges_paused_until).
import { setNudgesPausedUntil } from '../../db/queries/person-settings.js';
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { formatDay } from '../core/time.js';
import { t } from '../i18n/index.js';
import { type DateSpec, resolveDateSpec } from './dates.js';

export async function pauseCommand(ctx: TurnContext, date: DateSpec | null): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const until = date ? resolveDateSpec(date, ctx.today) : null;
  if (!until) return { replies: [reply(t(locale, 'pause.invalidDate'))] };
  if (until <= ctx.today) return { replies: [reply(t(locale, 'pause.pastDate'))] };
  return {
    replies: [reply(t(locale, 'pause.set', { date: formatDay(until, locale) }))],
    writes: [(tx) => setNudgesPausedUntil(tx, ctx.person.id, until)],
  };
}
