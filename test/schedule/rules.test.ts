// The pure rules behind nudges: cron validation that names the field, occurrences across DST, quiet hours, the
// computed Flemish school holidays (checked against the published 2025–2026 calendar), and the shift and date words.
import { describe, expect, it } from 'vitest';
import { parseDateSpec, resolveDateSpec } from '../../bot/commands/dates.js';
import { parseShiftText } from '../../bot/commands/shift-text.js';
import { type CronError, cronOccurrences, nextCronOccurrence, validateCron } from '../../bot/schedule/cron.js';
import { outsideQuietHours, parseQuietHours } from '../../bot/schedule/quiet-hours.js';
import { easterSunday, flemishSchoolHolidays } from '../../bot/schedule/school-holidays.js';

describe('cron', () => {
  it.each([
    ['0 25 * * *', 'hour'],
    ['61 17 * * *', 'minute'],
    ['0 17 32 * *', 'day of month'],
    ['0 17 * 13 *', 'month'],
    ['0 17 * * 9', 'day of week'],
    ['0 seventeen * * *', 'hour'],
  ])('%s is refused, naming the %s field', (expression, field) => {
    expect(() => validateCron(expression)).toThrow(new RegExp(`field "${field}" is invalid`));
    try {
      validateCron(expression);
    } catch (error) {
      expect((error as CronError).field).toBe(field);
    }
  });

  it('refuses the wrong number of fields and normalises spacing', () => {
    expect(() => validateCron('0 17 * *')).toThrow('has 4 fields; expected 5');
    expect(validateCron('  0  17 * *   1-5 ')).toBe('0 17 * * 1-5');
  });

  it('gives each local moment once across both DST changes, in the zone asked for', () => {
    const spring = cronOccurrences(
      '30 2 * * *',
      'Europe/Brussels',
      new Date('2026-03-28T00:00Z'),
      new Date('2026-03-31T00:00Z'),
    );
    expect(spring.map((d) => d.toISOString())).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    const autumn = cronOccurrences(
      '30 2 * * *',
      'Europe/Brussels',
      new Date('2026-10-24T12:00Z'),
      new Date('2026-10-26T12:00Z'),
    );
    expect(autumn.map((d) => d.toISOString())).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    expect(nextCronOccurrence('0 17 * * *', 'America/New_York', new Date('2026-03-08T00:00Z'))?.toISOString()).toBe(
      '2026-03-08T21:00:00.000Z',
    );
    expect(() => cronOccurrences('0 17 * * *', 'Mars/Olympus', new Date(), new Date())).toThrow(
      'not an IANA time zone',
    );
  });
});

describe('quiet hours', () => {
  const quiet = { start: '21:00', end: '07:30' };
  it.each([
    ['2026-12-01T19:59:00Z', '2026-12-01T19:59:00.000Z'], // 20:59 Brussels: allowed
    ['2026-12-01T20:00:00Z', '2026-12-02T06:30:00.000Z'], // 21:00: to 07:30 next morning
    ['2026-12-01T23:30:00Z', '2026-12-02T06:30:00.000Z'], // 00:30: to 07:30 the same day
    ['2026-12-02T06:30:00Z', '2026-12-02T06:30:00.000Z'], // 07:30: the end is allowed
  ])('%s in Brussels becomes %s', (at, expected) => {
    expect(outsideQuietHours(new Date(at), 'Europe/Brussels', quiet).toISOString()).toBe(expected);
  });

  it('uses the student’s own zone, and equal start and end mean none', () => {
    expect(outsideQuietHours(new Date('2026-12-02T03:00:00Z'), 'America/New_York', quiet).toISOString()).toBe(
      '2026-12-02T12:30:00.000Z',
    );
    expect(
      outsideQuietHours(new Date('2026-12-02T03:00:00Z'), 'Europe/Brussels', { start: '00:00', end: '00:00' }),
    ).toEqual(new Date('2026-12-02T03:00:00Z'));
    expect(parseQuietHours('22:00-6:30')).toEqual({ start: '22:00', end: '06:30' });
    expect(() => parseQuietHours('25:00-07:00')).toThrow('not a time of day');
  });
});

describe('Flemish school holidays', () => {
  const ranges = (startYear: number) => {
    const out: string[] = [];
    let current: { name: string; first: string; last: string } | undefined;
    for (const h of flemishSchoolHolidays(startYear)) {
      const next = current && Date.parse(h.day) - Date.parse(current.last) === 86_400_000 && current.name === h.name;
      if (next) current!.last = h.day;
      else {
        current = { name: h.name, first: h.day, last: h.day };
        out.push('');
      }
      out[out.length - 1] = `${current!.name} ${current!.first}..${current!.last}`;
    }
    return out;
  };

  it('matches the published 2025–2026 school year', () => {
    expect(ranges(2025)).toEqual([
      'Herfstvakantie 2025-10-27..2025-11-02',
      'Wapenstilstand 2025-11-11..2025-11-11',
      'Kerstvakantie 2025-12-22..2026-01-04',
      'Krokusvakantie 2026-02-16..2026-02-22',
      'Paasvakantie 2026-04-06..2026-04-19',
      'Dag van de arbeid 2026-05-01..2026-05-01',
      'Hemelvaart 2026-05-14..2026-05-14',
      'Brugdag na Hemelvaart 2026-05-15..2026-05-15',
      'Pinkstermaandag 2026-05-25..2026-05-25',
      'Zomervakantie 2026-07-01..2026-08-31',
    ]);
  });

  it('follows the special rules: 1 November on a Sunday, Christmas on a weekend, Easter in March or late April', () => {
    // 2026: 1 November is a Sunday → autumn from Monday 2 November; Christmas on a Friday → from Monday 21 December.
    expect(ranges(2026).slice(0, 3)).toEqual([
      'Herfstvakantie 2026-11-02..2026-11-08',
      'Wapenstilstand 2026-11-11..2026-11-11',
      'Kerstvakantie 2026-12-21..2027-01-03',
    ]);
    // Easter 28 March 2027 → Easter holiday from the Monday after Easter.
    expect(easterSunday(2027).toISODate()).toBe('2027-03-28');
    expect(ranges(2026)).toContain('Paasvakantie 2027-03-29..2027-04-11');
    // Christmas 2027 on a Saturday → from Monday 27 December.
    expect(ranges(2027)).toContain('Kerstvakantie 2027-12-27..2028-01-09');
    // Easter 25 April 2038 (after 15 April) → from the second Monday before Easter.
    expect(easterSunday(2038).toISODate()).toBe('2038-04-25');
    expect(ranges(2037)).toContain('Paasvakantie 2038-04-12..2038-04-25');
  });
});

describe('shift and date words', () => {
  it.each([
    ['mijn shift eindigt om 17u', { day: null, start: null, end: { hour: 17, minute: 0 } }],
    ['mijn shift eindigt morgen om 17u30', { day: 'morgen', start: null, end: { hour: 17, minute: 30 } }],
    ['shift morgen 8-16', { day: 'morgen', start: { hour: 8, minute: 0 }, end: { hour: 16, minute: 0 } }],
    ['shift tomorrow 8 to 4pm', { day: 'tomorrow', start: { hour: 8, minute: 0 }, end: { hour: 16, minute: 0 } }],
    ['my shift ends at 5pm', { day: null, start: null, end: { hour: 17, minute: 0 } }],
    ['shift vrijdag van 22u tot 6u', { day: 'vrijdag', start: { hour: 22, minute: 0 }, end: { hour: 6, minute: 0 } }],
  ])('"%s" is a shift', (text, expected) => {
    expect(parseShiftText(text)).toEqual(expected);
  });

  it.each(['shift was zwaar', 'mijn shift eindigt om 25u', 'shift morgen'])('"%s" is not', (text) => {
    expect(parseShiftText(text)).toBeNull();
  });

  it.each([
    ['vrijdag', '2026-11-29', '2026-12-04'],
    ['zondag', '2026-11-29', '2026-12-06'], // a pause "until Sunday" on a Sunday means next Sunday
    ['volgende maandag', '2026-11-29', '2026-11-30'],
    ['next Monday', '2026-11-29', '2026-11-30'],
    ['5 januari', '2026-11-29', '2027-01-05'],
    ['28/11', '2026-11-29', '2026-11-28'], // yesterday: for the caller to refuse, not next year
  ])('"%s" on %s is %s', (text, today, expected) => {
    expect(resolveDateSpec(parseDateSpec(text)!, today)).toBe(expected);
  });
});
