// The coaches' weekly digest runs on a schedule like the nudges: admins see it in `schedule list` and on the
// admin card, pause and resume it, and add one of their own (a cron in each coach's own zone) — and a paused
// digest schedule is not planned.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scheduleCommand } from '../../app/cli/schedule.js';
import type { Db } from '../../db/db.js';
import { activeDigestSchedules } from '../../db/queries/digest.js';
import { DEMO } from '../support/harness.js';
import { databases } from '../support/databases.js';

const config = { LEERKANS_TIMEZONE: 'Europe/Brussels' };

describe.each(databases)('the digest schedule on $name', ({ create }) => {
  let db: Db;
  let lines: string[];
  const out = (text: string) => {
    lines.push(text);
  };
  beforeEach(async () => {
    db = await create(DEMO);
    lines = [];
  });
  afterEach(async () => {
    await db.close();
  });

  it('is listed, paused and resumed like any schedule, and a paused one is not planned', async () => {
    await db.query(`DELETE FROM schedules WHERE kind = 'digest'`);
    await scheduleCommand(db, { sub: 'add', name: 'maandag', cron: '0 8 * * 1', digest: true }, out, config);
    lines = [];
    await scheduleCommand(db, { sub: 'list', name: undefined }, out, config);
    expect(lines.find((l) => l.startsWith('maandag\t'))).toMatch(/weekly digest for the coaches, cron "0 8 \* \* 1"/);

    expect((await activeDigestSchedules(db)).map((s) => s.name)).toEqual(['maandag']);
    await scheduleCommand(db, { sub: 'pause', name: 'maandag' }, out, config);
    expect(await activeDigestSchedules(db)).toEqual([]);
    await scheduleCommand(db, { sub: 'resume', name: 'maandag' }, out, config);
    expect((await activeDigestSchedules(db)).map((s) => s.name)).toEqual(['maandag']);

    const audit = await db.query<{ action: string }>(`SELECT action FROM audit_log ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['schedule.add', 'schedule.pause', 'schedule.resume']);
  });

  it('refuses a digest schedule without a cron, and a bad cron naming the field', async () => {
    await expect(
      scheduleCommand(db, { sub: 'add', name: 'd', afterShift: '30', digest: true }, out, config),
    ).rejects.toThrow(/--digest needs --cron/);
    await expect(
      scheduleCommand(db, { sub: 'add', name: 'd', cron: '0 25 * * 1', digest: true }, out, config),
    ).rejects.toThrow(/hour/);
  });
});
