// The day of the learning opportunity: the shift the reflection follows, else a day the student named in the
// first answer ("gisteren", "maandag", "12/11"), else today. Mentors see this day, not the day of writing.
import { DateTime } from 'luxon';
import { shiftDay } from '../../../db/queries/reflections.js';
import type { TurnContext } from '../../core/turn.js';
import { QUESTION_SETS } from '../../../prompts/reflection/index.js';
import type { ReflectionState } from './state.js';
import { fold } from './words.js';

const WEEKDAYS: Record<string, number> = {
  maandag: 1,
  dinsdag: 2,
  woensdag: 3,
  donderdag: 4,
  vrijdag: 5,
  zaterdag: 6,
  zondag: 7,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};

/** A day named in `text` relative to `today` (YYYY-MM-DD); null when none is named. Only days in the past count. */
export function namedDay(text: string, today: string): string | null {
  const base = DateTime.fromISO(today);
  const folded = fold(text);
  if (/\beergisteren\b|\bday before yesterday\b/.test(folded)) return base.minus({ days: 2 }).toISODate();
  if (/\bgisteren\b|\byesterday\b|\bgisterenavond\b|\bgisteravond\b|\blast night\b/.test(folded))
    return base.minus({ days: 1 }).toISODate();
  if (/\b(?:vandaag|vanochtend|vanmorgen|vanmiddag|vanavond|today|this morning|this afternoon|tonight)\b/.test(folded))
    return today;
  const date = /\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\b/.exec(folded);
  if (date) {
    const year = date[3] ? (date[3].length === 2 ? 2000 + Number(date[3]) : Number(date[3])) : base.year;
    let day = DateTime.fromObject({ year, month: Number(date[2]), day: Number(date[1]) });
    if (day.isValid && !date[3] && day > base) day = day.minus({ years: 1 });
    if (day.isValid && day <= base && base.diff(day, 'days').days <= 366) return day.toISODate();
  }
  const weekday = new RegExp(`\\b(${Object.keys(WEEKDAYS).join('|')})\\b`).exec(folded);
  if (weekday) {
    const wanted = WEEKDAYS[weekday[1]!]!;
    const back = (base.weekday - wanted + 7) % 7;
    return base.minus({ days: back }).toISODate();
  }
  return null;
}

export async function occurredOn(ctx: TurnContext, state: ReflectionState): Promise<string> {
  if (state.shiftId !== null) {
    const day = await shiftDay(ctx.db, state.shiftId, ctx.person.timeZone);
    if (day) return day;
  }
  const first = QUESTION_SETS[state.model].parts.map((p) => state.answers[p.key]).find((a) => a);
  return (first && namedDay(first, ctx.today)) || ctx.today;
}
