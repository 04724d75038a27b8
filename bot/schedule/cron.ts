// Cron expressions for fixed-time schedules: validation that names the field at fault, and the occurrences of an
// expression in an IANA zone between two instants. cron-parser evaluates in the zone, so a DST change neither
// skips nor doubles an occurrence: 02:30 on the spring-forward night does not exist and is not invented, and
// 02:30 on the fall-back night happens once. Reused by other schedulers (the weekly digest).
import { CronExpressionParser } from 'cron-parser';
import { DateTime } from 'luxon';

const FIELDS = ['minute', 'hour', 'day of month', 'month', 'day of week'] as const;

export class CronError extends Error {
  override readonly name = 'CronError';
  constructor(
    message: string,
    /** The field at fault ("hour", "day of week"), when one field is. */
    readonly field?: (typeof FIELDS)[number],
  ) {
    super(message);
  }
}

const parse = (expression: string, options: { tz?: string; currentDate?: Date; endDate?: Date } = {}) =>
  CronExpressionParser.parse(expression, { ...options, strict: false });

/**
 * Checks a five-field cron expression ("0 17 * * 1-5"); throws a CronError naming the field that is wrong.
 * Returns the expression with its whitespace normalised.
 */
export function validateCron(expression: string): string {
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    throw new CronError(
      `cron "${expression.trim()}" has ${fields.length} fields; expected 5: minute hour day-of-month month day-of-week`,
    );
  }
  // Each field alone (the others "*"), so the error can say which one is wrong.
  for (const [i, value] of fields.entries()) {
    const probe = FIELDS.map((_, j) => (j === i ? value : '*')).join(' ');
    try {
      parse(probe);
    } catch (error) {
      const reason = (error as Error).message.replace(/^[^:]*:\s*/, '');
      const detail = reason && reason !== value ? ` (${reason})` : '';
      throw new CronError(`cron field "${FIELDS[i]}" is invalid: "${value}"${detail}`, FIELDS[i]);
    }
  }
  const normalised = fields.join(' ');
  try {
    parse(normalised);
  } catch (error) {
    throw new CronError(`cron "${normalised}" is invalid: ${(error as Error).message}`);
  }
  return normalised;
}

/** Every occurrence of `expression` in `zone` with from < occurrence <= to, in order. */
export function cronOccurrences(expression: string, zone: string, from: Date, to: Date, limit = 10_000): Date[] {
  if (!DateTime.now().setZone(zone).isValid) throw new CronError(`"${zone}" is not an IANA time zone`);
  if (to <= from) return [];
  const iterator = parse(expression, { tz: zone, currentDate: from, endDate: to });
  const out: Date[] = [];
  while (out.length < limit && iterator.hasNext()) {
    const at = iterator.next().toDate();
    if (at > from && at <= to) out.push(at);
  }
  return out;
}

/** The next occurrence after `after`, or null within a year (an expression like "0 0 31 2 *" never fires). */
export function nextCronOccurrence(expression: string, zone: string, after: Date): Date | null {
  const until = new Date(after.getTime() + 366 * 24 * 3600_000);
  return cronOccurrences(expression, zone, after, until, 1)[0] ?? null;
}

/** The latest occurrence of `cron` at or before `now` in `zone`, or null for an expression that cannot be parsed. */
export function latestOccurrence(cron: string, zone: string, now: Date): Date | null {
  try {
    // prev() is strictly before currentDate: a millisecond later includes an occurrence at exactly `now`.
    return CronExpressionParser.parse(cron, { currentDate: new Date(now.getTime() + 1), tz: zone })
      .prev()
      .toDate();
  } catch {
    return null;
  }
}
