// "admin …" in chat (the DM and `/leerkans admin …`): the admin card with schedules, delivery health and the next
// nudges, and the common changes as words or buttons. The admin role is checked here, on the server, for every
// word and every button; each change is written to the audit log.
import { DateTime } from 'luxon';
import { actions, card, divider, facts, text } from '../../cards/spec.js';
import { emailsByIds, healthByCohort, healthProblems, healthTotals } from '../../db/queries/delivery-health.js';
import { writeHolidays } from '../../db/queries/holidays.js';
import { listSchedules } from '../../db/queries/schedules.js';
import { zoneOr } from '../core/time.js';
import { refusal, reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { languageOf, t } from '../i18n/index.js';
import {
  type Actor,
  audit,
  changeableSchedule,
  prepareSchedule,
  removeSchedule,
  type ScheduleInput,
  ScheduleInputError,
  saveSchedule,
  setScheduleState,
} from '../schedule/admin-actions.js';
import { describeSchedule } from '../schedule/describe.js';
import { createNudgePlanner } from '../schedule/planner.js';
import { answerErase, askErase, ERASE_CONFIRM, ERASE_WORDS } from './admin-erase.js';
import { resolveDateSpec, parseDateSpec } from './dates.js';
import { latestDate } from './pause.js';

export const ADMIN_VERB_PREFIX = 'admin.';
const VERB = { overview: 'admin.overview', pause: 'admin.schedule.pause', resume: 'admin.schedule.resume' } as const;
/** Buttons per card: Slack allows 25 elements in an actions block. */
const MAX_BUTTONS = 20;

const CRON_FIELDS_NL: Record<string, string> = {
  minute: 'minuut',
  hour: 'uur',
  'day of month': 'dag van de maand',
  month: 'maand',
  'day of week': 'weekdag',
};

const isAdmin = (ctx: TurnContext) => ctx.person.roles.includes('admin');
const actorOf = (ctx: TurnContext): Actor => ({ personId: ctx.person.id, label: 'admin' });

function errorText(locale: string, error: unknown): string {
  if (!(error instanceof ScheduleInputError)) throw error;
  const params = { ...error.params };
  if (typeof params.field === 'string' && languageOf(locale) === 'nl')
    params.field = CRON_FIELDS_NL[params.field] ?? params.field;
  return t(locale, error.key, params);
}

export async function adminCommand(ctx: TurnContext, args = ''): Promise<TurnResult> {
  const locale = ctx.person.locale;
  if (!isAdmin(ctx)) return refusal(t(locale, 'common.adminOnly'));
  const words = args.trim().split(/\s+/).filter(Boolean);
  const [first = '', second = '', ...rest] = [words[0]?.toLowerCase(), words[1]?.toLowerCase(), ...words.slice(2)];
  try {
    if (first === '' || first === 'overzicht' || first === 'overview') return { replies: [await adminCard(ctx)] };
    if (first === 'gezondheid' || first === 'health') return { replies: [reply(await healthText(ctx))] };
    if (ERASE_WORDS.includes(first)) return await askErase(ctx, words[1]);
    if (first === 'schema' || first === 'schedule') return await scheduleWord(ctx, second, rest, args);
    if ((first === 'vrije' && second === 'dag') || first === 'holiday') {
      return holidayWord(ctx, first === 'holiday' ? [second, ...rest] : rest);
    }
  } catch (error) {
    return refusal(t(locale, 'admin.error', { reason: errorText(locale, error) }));
  }
  return { replies: [reply(t(locale, 'admin.usage'))] };
}

async function scheduleWord(ctx: TurnContext, sub: string, rest: string[], raw: string): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const [name = ''] = rest;
  if (['pauze', 'pause', 'hervat', 'resume'].includes(sub)) {
    const schedule = await changeableSchedule(ctx.db, name);
    const active = sub === 'hervat' || sub === 'resume';
    return {
      replies: [reply(t(locale, active ? 'admin.done.resumed' : 'admin.done.paused', { name: schedule.name }))],
      writes: [(tx) => setScheduleState(tx, schedule, active, actorOf(ctx))],
    };
  }
  if (['verwijder', 'remove'].includes(sub)) {
    const schedule = await changeableSchedule(ctx.db, name);
    return {
      replies: [reply(t(locale, 'admin.done.removed', { name: schedule.name }))],
      writes: [(tx) => removeSchedule(tx, schedule, actorOf(ctx))],
    };
  }
  let input: ScheduleInput | null = null;
  const options = (words: string[]) => {
    const o: Partial<ScheduleInput> = {};
    for (let i = 0; i < words.length - 1; i += 2) {
      const [key, value] = [words[i]?.toLowerCase(), words[i + 1]!];
      if (key === 'groep' || key === 'cohort') o.cohort = value;
      else if (key === 'persoon' || key === 'person') o.personEmail = value;
      else if (key === 'zone') o.timeZone = value;
      else if (key === 'stil' || key === 'quiet') o.quietHours = value;
      else if (key === 'herinnering' || key === 'reminder') o.reminderMinutes = value;
    }
    return o;
  };
  if (sub === 'na-shift' || sub === 'after-shift') {
    input = { name, kind: 'after_shift', minutes: rest[1] ?? '', ...options(rest.slice(2)) };
  } else if (sub === 'cron') {
    // The cron expression is quoted, since it has spaces: admin schema cron avond "0 18 * * 1-5" groep zorg-1
    const m = /"([^"]*)"(.*)$/.exec(raw);
    if (!m) throw new ScheduleInputError('admin.err.cron', { cron: rest.slice(1).join(' ') });
    input = { name, kind: 'cron', cron: m[1]!, ...options(m[2]!.trim().split(/\s+/).filter(Boolean)) };
  }
  if (!input) return { replies: [reply(t(locale, 'admin.usage'))] };
  const prepared = await prepareSchedule(ctx.db, input, ctx.env.settings.defaultTimeZone);
  return {
    replies: [reply(t(locale, 'admin.done.added', { name: prepared.name }))],
    writes: [(tx) => saveSchedule(tx, prepared, actorOf(ctx)).then(() => undefined)],
  };
}

function holidayWord(ctx: TurnContext, words: string[]): TurnResult {
  const locale = ctx.person.locale;
  const [dateText = '', ...nameWords] = words;
  const spec = parseDateSpec(dateText);
  const day = spec ? resolveDateSpec(spec, ctx.today, false) : null;
  if (!day || day < ctx.today || day > latestDate(ctx.today)) throw new ScheduleInputError('admin.err.date');
  const name = nameWords.join(' ');
  return {
    replies: [reply(t(locale, 'admin.done.holiday', { date: day }))],
    writes: [
      async (tx) => {
        await writeHolidays(tx, [{ day, name, cohortId: null }], 'admin');
        await audit(tx, actorOf(ctx), 'holiday.add', { day, name });
      },
    ],
  };
}

/** Card buttons: data is untrusted, the role is re-checked, the schedule looked up again. */
export async function adminAction(ctx: TurnContext, verb: string, data: unknown): Promise<TurnResult> {
  const locale = ctx.person.locale;
  if (!isAdmin(ctx)) return refusal(t(locale, 'common.adminOnly'));
  if (verb === VERB.overview) return { replies: [await adminCard(ctx)] };
  if (verb === ERASE_CONFIRM) return answerErase(ctx, data);
  const name =
    typeof data === 'object' && data !== null && 'name' in data ? (data as { name: unknown }).name : undefined;
  if ((verb !== VERB.pause && verb !== VERB.resume) || typeof name !== 'string' || name.length > 40) {
    return refusal(t(locale, 'action.invalid'));
  }
  try {
    return await scheduleWord(ctx, verb === VERB.pause ? 'pause' : 'resume', [name], name);
  } catch (error) {
    return refusal(t(locale, 'admin.error', { reason: errorText(locale, error) }));
  }
}

async function healthText(ctx: TurnContext): Promise<string> {
  const locale = ctx.person.locale;
  const lines = [t(locale, 'admin.health')];
  for (const c of await healthByCohort(ctx.db)) lines.push(`• ${c.cohort}: ${t(locale, 'admin.healthLine', { ...c })}`);
  const problems = await healthProblems(ctx.db, 20);
  if (problems.length > 0) {
    lines.push('', t(locale, 'admin.problems'));
    for (const p of problems) lines.push(`• ${p.email}: ${p.unreachableReason ?? p.lastError ?? ''}`);
  }
  return lines.join('\n');
}

async function adminCard(ctx: TurnContext) {
  const locale = ctx.person.locale;
  const zone = zoneOr(ctx.person.timeZone, ctx.env.settings.defaultTimeZone);
  const schedules = await listSchedules(ctx.db, { includeDigest: true });
  const totals = await healthTotals(ctx.db);
  const problems = await healthProblems(ctx.db, 5);
  const planner = createNudgePlanner({ db: ctx.db, logger: ctx.env.logger, now: () => ctx.now });
  const upcoming = (await planner.upcoming(24)).slice(0, 5);
  const emails = await emailsByIds(
    ctx.db,
    upcoming.map((u) => u.personId),
  );
  const healthLine = t(locale, 'admin.healthLine', { ...totals });
  const scheduleFacts = schedules.map((s) => ({ label: s.name, value: describeSchedule(locale, s) }));
  const nextFacts = upcoming.map((u) => ({
    label: DateTime.fromJSDate(u.dueAt, { zone }).setLocale(locale).toFormat('ccc HH:mm'),
    value: `${emails.get(u.personId) ?? u.personId} (${u.scheduleName})`,
  }));
  const buttons = schedules
    .slice(0, MAX_BUTTONS)
    .map((s) =>
      s.active
        ? { verb: VERB.pause, label: t(locale, 'admin.pause', { name: s.name }), data: { name: s.name } }
        : { verb: VERB.resume, label: t(locale, 'admin.resume', { name: s.name }), data: { name: s.name } },
    );
  const fallback = [
    t(locale, 'admin.title'),
    ...scheduleFacts.map((f) => `• ${f.label}: ${f.value}`),
    `${t(locale, 'admin.health')}: ${healthLine}`,
  ].join('\n');
  return reply(
    fallback,
    card({
      kind: 'admin-overview',
      title: t(locale, 'admin.title'),
      fallbackText: fallback,
      elements: [
        text(t(locale, 'admin.schedules'), 'heading'),
        scheduleFacts.length > 0 ? facts(scheduleFacts) : text(t(locale, 'admin.noSchedules')),
        divider(),
        text(t(locale, 'admin.health'), 'heading'),
        text(healthLine),
        ...(problems.length > 0
          ? [facts(problems.map((p) => ({ label: p.email, value: p.unreachableReason ?? p.lastError ?? '' })))]
          : []),
        divider(),
        text(t(locale, 'admin.next'), 'heading'),
        nextFacts.length > 0 ? facts(nextFacts) : text(t(locale, 'admin.noneNext'), 'subtle'),
        actions(...buttons, { verb: VERB.overview, label: t(locale, 'admin.refresh') }),
      ],
    }),
  );
}
