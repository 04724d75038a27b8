// "pauze tot DATUM" / "pause until DATE": no nudges until that date (people.nudges_paused_until). A date in the past,
// today, or more than a year ahead is refused with a clear answer, never moved to another year.
import { DateTime } from 'luxon';
import { setNudgesPausedUntil } from '../../db/queries/person-settings.js';
import { formatDay } from '../core/time.js';
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { t } from '../i18n/index.js';
import { type DateSpec, resolveDateSpec } from './dates.js';

/** The last date a pause or a told shift may reach: a year from today. */
export const latestDate = (today: string): string =>
  DateTime.fromISO(today, { zone: 'UTC' }).plus({ years: 1 }).toISODate()!;

export async function pauseCommand(ctx: TurnContext, date: DateSpec | null): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const until = date ? resolveDateSpec(date, ctx.today) : null;
  if (!until) return { replies: [reply(t(locale, 'pause.invalidDate'))] };
  if (until < ctx.today) return { replies: [reply(t(locale, 'pause.pastDate'))] };
  if (until === ctx.today) return { replies: [reply(t(locale, 'pause.today'))] };
  const latest = latestDate(ctx.today);
  if (until > latest) return { replies: [reply(t(locale, 'pause.tooFar', { date: formatDay(latest, locale) }))] };
  return {
    replies: [reply(t(locale, 'pause.set', { date: formatDay(until, locale) }))],
    writes: [(tx) => setNudgesPausedUntil(tx, ctx.person.id, until)],
  };
}
