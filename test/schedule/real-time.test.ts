// As a user would, in real time: a shift that ended 31 minutes ago is imported, the bot starts (embedded database,
// the playground as the only surface) and the student's nudge arrives on her playground stream within two planner
// ticks, once; a student whose shift is still running gets none. The planner ticks every 2 s here
// (LEERKANS_PLANNER_CRON) instead of every minute.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningLeerkans, startLeerkans } from '../../app/main.js';
import { loadConfig } from '../../bot/config/env.js';
import { importFramework } from '../../bot/imports/framework.js';
import { importRoster } from '../../bot/imports/roster.js';
import { importShifts } from '../../bot/imports/shifts.js';
import { silentLogger } from '../../bot/log/logger.js';
import { migrate } from '../../db/migrate.js';
import { openClientDatabase } from '../../db/open.js';

const demo = (name: string) => readFileSync(new URL(`../../db/demo/${name}`, import.meta.url), 'utf8');
const AMIRA = 'amira.elidrissi@student.example.be';
const TOM = 'tom.vermeulen@student.example.be';
const TICK_MS = 2000;

describe('a nudge in real time (embedded database)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leerkans-nudge-'));
  const config = loadConfig({
    PORT: '0',
    LEERKANS_DATA_DIR: dataDir,
    LEERKANS_DEMO: 'off',
    LOG_LEVEL: 'silent',
    LEERKANS_PLANNER_CRON: '*/2 * * * * *',
  });
  let server: RunningLeerkans | undefined;

  beforeAll(async () => {
    const db = await openClientDatabase(config);
    try {
      await migrate(db);
      await importFramework(db, 'framework.yaml', demo('framework-social-work.yaml'));
      await importRoster(db, 'roster.csv', demo('roster-demo.csv'), { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
      const local = (minutesFromNow: number) =>
        DateTime.now().setZone('Europe/Brussels').plus({ minutes: minutesFromNow }).toFormat("yyyy-LL-dd'T'HH:mm");
      await importShifts(
        db,
        'shifts.csv',
        `email,start,end,workplace\n${AMIRA},${local(-8 * 60)},${local(-31)},Zorgnet Kempen\n${TOM},${local(-4 * 60)},${local(60)},OCMW Gent\n`,
      );
      // The test runs at any hour: the default schedule without quiet hours.
      await db.query(`UPDATE schedules SET quiet_start = '00:00', quiet_end = '00:00' WHERE name = 'after-shift'`);
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers the nudge within two planner ticks, once, and none for a shift still running', async () => {
    server = await startLeerkans(config, silentLogger);
    // From the moment the bot is up: it plans once at start, then every tick.
    const started = Date.now();
    const stream = await fetch(`${server.url}/playground/events?person=${encodeURIComponent(AMIRA)}`);
    const reader = stream.body!.getReader();
    let received = '';
    const decoder = new TextDecoder();
    const deadline = started + 2 * TICK_MS + 1500;
    // One read in flight at a time: a read that loses the race to the timer still delivers its chunk later.
    let pending = reader.read();
    while (!received.includes('Zorgnet Kempen') && Date.now() < deadline) {
      const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), 200))]);
      if (chunk === null) continue;
      if (chunk.value) received += decoder.decode(chunk.value, { stream: true });
      if (chunk.done) break;
      pending = reader.read();
    }
    expect(received).toContain('Je shift bij Zorgnet Kempen is voorbij');
    // Two more ticks: still exactly one nudge, for Amira only.
    await new Promise((r) => setTimeout(r, 2 * TICK_MS + 500));
    await reader.cancel();
    const rows = await server.db.query<{ email: string; status: string; platform: string }>(
      `SELECT p.email, o.status, o.platform FROM outbox o JOIN people p ON p.id = o.person_id WHERE o.dedupe_key LIKE 'nudge:%'`,
    );
    expect(rows.rows).toEqual([{ email: AMIRA, status: 'sent', platform: 'web' }]);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^leerkans_nudges_dropped 0$/m);
  });
});
