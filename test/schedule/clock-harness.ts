// A controllable clock around the real planner and the real outbox dispatcher on a test database: the surface
// across the network is a recording one that notes the clock time of every nudge it is handed.
import type { Delivery, Outbound, Recipient, Surface } from '../../bot/core/types.js';
import { silentLogger } from '../../bot/log/logger.js';
import { createDispatcher } from '../../bot/outbox/dispatcher.js';
import { createRateLimiter } from '../../bot/outbox/rate-limiter.js';
import { createNudgePlanner } from '../../bot/schedule/planner.js';
import type { Db } from '../../db/db.js';

export interface Sent {
  personId: number;
  at: string;
  out: Outbound;
}

export interface ClockHarness {
  sent: Sent[];
  now(): Date;
  set(iso: string): void;
  /** One planner tick and one dispatcher tick at the current clock. */
  tick(): Promise<void>;
  /** Ticks every `stepMinutes` from the current clock up to and including `iso`. */
  runUntil(iso: string, stepMinutes?: number): Promise<void>;
  dropped: () => number;
  /** A fresh planner (as after a restart: nothing remembered). */
  restart(): void;
}

export async function addPerson(
  db: Db,
  p: { email: string; zone?: string; roles?: string[]; locale?: string },
): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO people (email, name, roles, time_zone, locale) VALUES ($1, $1, $2, $3, $4) RETURNING id`,
    [p.email, p.roles ?? ['student'], p.zone ?? 'Europe/Brussels', p.locale ?? 'nl-BE'],
  );
  const id = r.rows[0]!.id;
  await db.query(
    `INSERT INTO platform_identities (person_id, platform, tenant_id, user_id, reference)
     VALUES ($1, 'slack', 'T1', $2, '{}')`,
    [id, `U${id}`],
  );
  return id;
}

export async function addShift(
  db: Db,
  personId: number,
  startIso: string,
  endIso: string,
  workplace = 'Zorgnet Kempen',
) {
  const r = await db.query<{ id: number }>(
    'INSERT INTO shifts (person_id, starts_at, ends_at, workplace) VALUES ($1, $2, $3, $4) RETURNING id',
    [personId, startIso, endIso, workplace],
  );
  return r.rows[0]!.id;
}

export async function addSchedule(
  db: Db,
  s: {
    name: string;
    kind: 'after_shift' | 'cron';
    minutes?: number;
    cron?: string;
    zone?: string;
    quiet?: [string, string];
    policy?: 'default' | 'silence' | 'ignore';
    cohortId?: number;
    personId?: number;
    since?: string;
    reminder?: number;
  },
): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO schedules (name, kind, minutes_after_shift, cron, time_zone, quiet_start, quiet_end, holiday_policy,
                            cohort_id, person_id, updated_at, reminder_minutes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11::timestamptz, '2000-01-01'::timestamptz), $12)
     RETURNING id`,
    [
      s.name,
      s.kind,
      s.kind === 'after_shift' ? (s.minutes ?? 30) : null,
      s.cron ?? null,
      s.zone ?? 'Europe/Brussels',
      s.quiet?.[0] ?? '21:00',
      s.quiet?.[1] ?? '07:30',
      s.policy ?? 'default',
      s.cohortId ?? null,
      s.personId ?? null,
      s.since ?? null,
      s.reminder ?? null,
    ],
  );
  return r.rows[0]!.id;
}

export function clockHarness(db: Db, options: { catchUpMs?: number; startIso: string }): ClockHarness {
  let clock = new Date(options.startIso);
  const now = () => clock;
  const sent: Sent[] = [];
  let dropped = 0;
  const surface: Surface = {
    platform: 'slack',
    async send(to: Recipient, out: Outbound): Promise<Delivery> {
      sent.push({ personId: to.personId, at: clock.toISOString(), out });
      return { ok: true, message: { platform: 'slack', channelId: 'D1', messageId: String(sent.length) } };
    },
  };
  const fast = createRateLimiter(1e6, 1e6);
  const dispatcher = createDispatcher({
    db,
    surfaces: () => new Map([['slack', surface]]),
    logger: silentLogger,
    now,
    batchSize: 500,
    limiters: { slack: fast, teams: fast, web: fast },
  });
  const makePlanner = () =>
    createNudgePlanner({
      db,
      logger: silentLogger,
      now,
      ...(options.catchUpMs !== undefined ? { catchUpMs: options.catchUpMs } : {}),
      onDropped: (n) => {
        dropped += n;
      },
    });
  let planner = makePlanner();
  const tick = async () => {
    await planner.tick();
    while ((await dispatcher.tick()) > 0) {
      // drain: everything due now goes out at this clock time
    }
  };
  return {
    sent,
    now,
    set(iso) {
      clock = new Date(iso);
    },
    tick,
    async runUntil(iso, stepMinutes = 15) {
      const end = new Date(iso).getTime();
      for (;;) {
        await tick();
        if (clock.getTime() + stepMinutes * 60_000 > end) break;
        clock = new Date(clock.getTime() + stepMinutes * 60_000);
      }
    },
    dropped: () => dropped,
    restart() {
      planner = makePlanner();
    },
  };
}
