// The Flemish school holidays of a school year, computed from the fixed rules of the Flemish government (decree of
// 17 April 1991) rather than typed in: autumn, Christmas, carnival, Easter and summer holidays plus the single days.
// A sensible default for secondary-level dual learning; organisations import their own calendar on top.
import { DateTime } from 'luxon';

export interface Holiday {
  /** YYYY-MM-DD */
  day: string;
  name: string;
}

const utc = (year: number, month: number, day: number) => DateTime.utc(year, month, day);

/** Easter Sunday (Gregorian, anonymous algorithm). */
export function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

const mondayOfWeek = (d: DateTime) => d.minus({ days: d.weekday - 1 });
const span = (from: DateTime, days: number, name: string): Holiday[] =>
  Array.from({ length: days }, (_, i) => ({ day: from.plus({ days: i }).toISODate()!, name }));

/** Every holiday day of the school year that starts on 1 September of `startYear`. */
export function flemishSchoolHolidays(startYear: number): Holiday[] {
  const next = startYear + 1;
  const out: Holiday[] = [];

  // Autumn: the week of 1 November (from 2 November when it is a Sunday).
  const allSaints = utc(startYear, 11, 1);
  out.push(...span(allSaints.weekday === 7 ? utc(startYear, 11, 2) : mondayOfWeek(allSaints), 7, 'Herfstvakantie'));
  out.push({ day: utc(startYear, 11, 11).toISODate()!, name: 'Wapenstilstand' });

  // Christmas: two weeks from the Monday of Christmas week (the Monday after when Christmas is on a weekend).
  const christmas = utc(startYear, 12, 25);
  const christmasStart =
    christmas.weekday >= 6 ? christmas.plus({ days: 8 - christmas.weekday }) : mondayOfWeek(christmas);
  out.push(...span(christmasStart, 14, 'Kerstvakantie'));

  const easter = easterSunday(next);
  // Carnival: one week from the seventh Monday before Easter.
  out.push(...span(easter.minus({ days: 48 }), 7, 'Krokusvakantie'));

  // Easter: two weeks from the first Monday of April; Easter in March → the Monday after Easter;
  // Easter after 15 April → the second Monday before Easter.
  let easterStart: DateTime;
  if (easter.month === 3) easterStart = easter.plus({ days: 1 });
  else if (easter.day > 15) easterStart = easter.minus({ days: 13 });
  else {
    const april1 = utc(next, 4, 1);
    easterStart = april1.plus({ days: (8 - april1.weekday) % 7 });
  }
  out.push(...span(easterStart, 14, 'Paasvakantie'));

  out.push({ day: utc(next, 5, 1).toISODate()!, name: 'Dag van de arbeid' });
  const ascension = easter.plus({ days: 39 });
  out.push({ day: ascension.toISODate()!, name: 'Hemelvaart' });
  out.push({ day: ascension.plus({ days: 1 }).toISODate()!, name: 'Brugdag na Hemelvaart' });
  out.push({ day: easter.plus({ days: 50 }).toISODate()!, name: 'Pinkstermaandag' });

  out.push(...span(utc(next, 7, 1), 62, 'Zomervakantie'));

  // A single day may fall inside a holiday week (11 November in autumn): keep the first name.
  const seen = new Set<string>();
  const unique: Holiday[] = [];
  for (const h of out) {
    if (seen.has(h.day)) continue;
    seen.add(h.day);
    unique.push(h);
  }
  return unique.sort((a, b) => a.day.localeCompare(b.day));
}

/** The school year (its start year) a date belongs to: from 1 September. */
export const schoolYearOf = (isoDate: string): number => {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
};
