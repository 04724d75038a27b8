// `leerkans schedule list|add|pause|resume|remove`: the admin's schedule changes from the command line, validated
// and audited exactly as in chat (actor "cli").
import type { Config } from '../../bot/config/env.js';
import { t } from '../../bot/i18n/index.js';
import {
  changeableSchedule,
  prepareSchedule,
  removeSchedule,
  type ScheduleInput,
  ScheduleInputError,
  saveSchedule,
  setScheduleState,
} from '../../bot/schedule/admin-actions.js';
import { describeSchedule } from '../../bot/schedule/describe.js';
import type { Db } from '../../db/db.js';
import type { HolidayPolicy } from '../../db/queries/schedules.js';
import { listSchedules } from '../../db/queries/schedules.js';

export interface ScheduleArgs {
  sub: string | undefined;
  name: string | undefined;
  afterShift?: string;
  cron?: string;
  zone?: string;
  cohort?: string;
  person?: string;
  quiet?: string;
  holidays?: string;
  reminder?: string;
  /** With --cron: when the coaches' weekly digest goes out instead of a nudge. */
  digest?: boolean;
}

/** A refused schedule change, in one English line (the CLI's language). */
export class ScheduleCommandError extends Error {
  override readonly name = 'ScheduleCommandError';
}

const CLI = { personId: null, label: 'cli' };

export async function scheduleCommand(
  db: Db,
  args: ScheduleArgs,
  out: (text: string) => void,
  config: Pick<Config, 'LEERKANS_TIMEZONE'>,
): Promise<void> {
  try {
    await run(db, args, out, config);
  } catch (error) {
    if (error instanceof ScheduleInputError) throw new ScheduleCommandError(t('en', error.key, error.params));
    throw error;
  }
}

async function run(db: Db, args: ScheduleArgs, out: (text: string) => void, config: Pick<Config, 'LEERKANS_TIMEZONE'>) {
  const name = args.name ?? '';
  switch (args.sub) {
    case 'list':
    case undefined: {
      const schedules = await listSchedules(db, { includeDigest: true });
      if (schedules.length === 0) out(t('en', 'admin.noSchedules'));
      for (const s of schedules) out(`${s.name}\t${describeSchedule('en', s)}`);
      return;
    }
    case 'add': {
      if ((args.afterShift === undefined) === (args.cron === undefined)) {
        throw new ScheduleCommandError('schedule add NAME needs exactly one of --after-shift MINUTES or --cron "EXPR"');
      }
      if (args.digest && args.cron === undefined) {
        throw new ScheduleCommandError('schedule add NAME --digest needs --cron "EXPR" (e.g. "0 8 * * 1")');
      }
      const input: ScheduleInput = {
        name,
        kind: args.digest ? 'digest' : args.cron !== undefined ? 'cron' : 'after_shift',
        ...(args.afterShift !== undefined ? { minutes: args.afterShift } : {}),
        ...(args.cron !== undefined ? { cron: args.cron } : {}),
        ...(args.zone !== undefined ? { timeZone: args.zone } : {}),
        ...(args.cohort !== undefined ? { cohort: args.cohort } : {}),
        ...(args.person !== undefined ? { personEmail: args.person } : {}),
        ...(args.quiet !== undefined ? { quietHours: args.quiet } : {}),
        ...(args.holidays !== undefined ? { holidayPolicy: args.holidays as HolidayPolicy } : {}),
        ...(args.reminder !== undefined ? { reminderMinutes: args.reminder } : {}),
      };
      const prepared = await prepareSchedule(db, input, config.LEERKANS_TIMEZONE);
      await db.transaction((tx) => saveSchedule(tx, prepared, CLI));
      out(t('en', 'admin.done.added', { name: prepared.name }));
      return;
    }
    case 'pause':
    case 'resume': {
      const schedule = await changeableSchedule(db, name);
      await db.transaction((tx) => setScheduleState(tx, schedule, args.sub === 'resume', CLI));
      out(t('en', args.sub === 'resume' ? 'admin.done.resumed' : 'admin.done.paused', { name: schedule.name }));
      return;
    }
    case 'remove': {
      const schedule = await changeableSchedule(db, name);
      await db.transaction((tx) => removeSchedule(tx, schedule, CLI));
      out(t('en', 'admin.done.removed', { name: schedule.name }));
      return;
    }
    default:
      throw new ScheduleCommandError(
        `unknown schedule command "${args.sub}" (expected list, add, pause, resume or remove)`,
      );
  }
}
