// What an admin can change about nudges, shared by the chat (`admin …`) and the CLI (`leerkans schedule …`): every
// input validated with an answer that says what is wrong, every change written to the audit log with who did it.
// Authorisation is the caller's: chat checks the admin role on the server, the CLI runs as the operator.
import type { Queryable } from '../../db/db.js';
import { insertAuditEntry } from '../../db/queries/audit.js';
import { findPersonByEmail } from '../../db/queries/people.js';
import {
  deleteSchedule,
  findCohortIdByCode,
  findScheduleByName,
  type HolidayPolicy,
  insertSchedule,
  type NewSchedule,
  type ScheduleRow,
  setScheduleActive,
} from '../../db/queries/schedules.js';
import { isIanaTimeZone } from '../imports/validators.js';
import type { MessageKey } from '../i18n/index.js';
import { CronError, validateCron } from './cron.js';
import { DEFAULT_QUIET_HOURS, parseQuietHours } from './quiet-hours.js';

/** A refused admin input: a message key and its parameters, so chat and CLI each say it in their language. */
export class ScheduleInputError extends Error {
  override readonly name = 'ScheduleInputError';
  readonly params: Record<string, string | number>;
  constructor(
    readonly key: MessageKey,
    params: Record<string, string | number> = {},
  ) {
    // What was typed is quoted back, but a pasted page is not: long values are cut.
    const shown = Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && v.length > 80 ? `${v.slice(0, 79)}…` : v]),
    );
    super(`${key} ${JSON.stringify(shown)}`);
    this.params = shown;
  }
}

export interface Actor {
  personId: number | null;
  /** 'cli' or the role ('admin'): never a name. */
  label: string;
}

export interface ScheduleInput {
  name: string;
  /** `digest`: when the coaches' weekly digest goes out (a cron in each coach's own zone). */
  kind: 'after_shift' | 'cron' | 'digest';
  /** As a number, or as typed (chat, CLI): only digits count, so "", "1e3" and "0x1E" are refused. */
  minutes?: number | string;
  cron?: string;
  timeZone?: string;
  quietHours?: string;
  cohort?: string;
  personEmail?: string;
  holidayPolicy?: HolidayPolicy;
  /** After-shift schedules only: one reminder this many minutes after an unanswered nudge. */
  reminderMinutes?: number | string;
}

/** Minutes as typed: digits only; anything else (empty, "abc", "1e9", "0x1E") is no number of minutes. */
const minutesOf = (value: number | string): number =>
  typeof value === 'number' ? value : /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;

const NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/i;
const POLICIES: readonly HolidayPolicy[] = ['default', 'silence', 'ignore'];

/** Validates a new schedule against the database (cohort, person); throws ScheduleInputError. Writes nothing. */
export async function prepareSchedule(db: Queryable, input: ScheduleInput, defaultZone: string): Promise<NewSchedule> {
  if (!NAME.test(input.name)) throw new ScheduleInputError('admin.err.name', { name: input.name });
  let minutes: number | null = null;
  let cron: string | null = null;
  if (input.kind === 'after_shift') {
    minutes = input.minutes === undefined ? 30 : minutesOf(input.minutes);
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
      throw new ScheduleInputError('admin.err.minutes', { value: String(input.minutes) });
    }
  } else {
    try {
      cron = validateCron(input.cron ?? '');
    } catch (error) {
      const field = error instanceof CronError ? error.field : undefined;
      throw new ScheduleInputError(field ? 'admin.err.cronField' : 'admin.err.cron', {
        cron: input.cron ?? '',
        field: field ?? '',
      });
    }
  }
  const reminder = input.reminderMinutes === undefined ? null : minutesOf(input.reminderMinutes);
  if (
    reminder !== null &&
    (input.kind !== 'after_shift' || !Number.isInteger(reminder) || reminder < 10 || reminder > 1440)
  ) {
    throw new ScheduleInputError('admin.err.reminder', { value: String(input.reminderMinutes) });
  }
  const timeZone = input.timeZone ?? defaultZone;
  if (!isIanaTimeZone(timeZone)) throw new ScheduleInputError('admin.err.zone', { zone: timeZone });
  let quiet = DEFAULT_QUIET_HOURS;
  if (input.quietHours !== undefined) {
    try {
      quiet = parseQuietHours(input.quietHours);
    } catch {
      throw new ScheduleInputError('admin.err.quiet', { value: input.quietHours });
    }
  }
  const policy = input.holidayPolicy ?? 'default';
  if (!POLICIES.includes(policy)) throw new ScheduleInputError('admin.err.policy', { value: String(policy) });
  let cohortId: number | null = null;
  let personId: number | null = null;
  if (input.cohort !== undefined) {
    cohortId = (await findCohortIdByCode(db, input.cohort)) ?? null;
    if (cohortId === null) throw new ScheduleInputError('admin.err.cohort', { code: input.cohort });
  }
  if (input.personEmail !== undefined) {
    personId = (await findPersonByEmail(db, input.personEmail))?.id ?? null;
    if (personId === null) throw new ScheduleInputError('admin.err.person', { email: input.personEmail });
  }
  if (cohortId !== null && personId !== null) throw new ScheduleInputError('admin.err.target');
  if (await findScheduleByName(db, input.name)) throw new ScheduleInputError('admin.err.exists', { name: input.name });
  return {
    name: input.name,
    kind: input.kind,
    cron,
    minutesAfterShift: minutes,
    timeZone,
    quietStart: quiet.start,
    quietEnd: quiet.end,
    cohortId,
    personId,
    holidayPolicy: policy,
    reminderMinutes: reminder,
  };
}

/** Stores a prepared schedule and audits it; a name taken in the meantime is refused. */
export async function saveSchedule(tx: Queryable, schedule: NewSchedule, actor: Actor): Promise<number> {
  const id = await insertSchedule(tx, schedule);
  if (id === null) throw new ScheduleInputError('admin.err.exists', { name: schedule.name });
  // A schedule for one person names them as the entry's subject, not in its details.
  const { personId, ...details } = schedule;
  await audit(tx, actor, 'schedule.add', details, personId);
  return id;
}

/** A schedule an admin may pause, resume or remove: nudge schedules and the digest's. */
export async function changeableSchedule(db: Queryable, name: string): Promise<ScheduleRow> {
  const schedule = await findScheduleByName(db, name);
  if (!schedule) throw new ScheduleInputError('admin.unknownSchedule', { name });
  return schedule;
}

export async function setScheduleState(tx: Queryable, schedule: ScheduleRow, active: boolean, actor: Actor) {
  await setScheduleActive(tx, schedule.id, active);
  await audit(tx, actor, active ? 'schedule.resume' : 'schedule.pause', { name: schedule.name });
}

export async function removeSchedule(tx: Queryable, schedule: ScheduleRow, actor: Actor) {
  await deleteSchedule(tx, schedule.id);
  await audit(tx, actor, 'schedule.remove', { name: schedule.name, kind: schedule.kind });
}

export async function audit(
  db: Queryable,
  actor: Actor,
  action: string,
  details: Record<string, unknown>,
  subjectId: number | null = null,
): Promise<void> {
  await insertAuditEntry(db, { actorId: actor.personId, actorLabel: actor.label, action, subjectId, details });
}
