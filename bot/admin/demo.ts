// A new user's first `npm start` should show a populated bot: on an empty database, load the demo framework,
// roster and shifts that ship in db/demo/, and a default "30 minutes after each shift" nudge schedule.
import { readFile } from 'node:fs/promises';
import type { Db } from '../../db/db.js';
import type { Logger } from '../log/logger.js';
import { importFramework } from '../imports/framework.js';
import { importRoster } from '../imports/roster.js';
import { importShifts } from '../imports/shifts.js';

const demoFile = (name: string) => new URL(`../../db/demo/${name}`, import.meta.url);

export async function seedDemoIfEmpty(
  db: Db,
  defaults: { timeZone: string; locale: string },
  logger: Logger,
): Promise<boolean> {
  const people = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
  if (people.rows[0]!.n > 0) return false;
  await importFramework(
    db,
    'framework-social-work.yaml',
    await readFile(demoFile('framework-social-work.yaml'), 'utf8'),
  );
  await importRoster(db, 'roster-demo.csv', await readFile(demoFile('roster-demo.csv'), 'utf8'), defaults);
  await importShifts(db, 'shifts-demo.csv', await readFile(demoFile('shifts-demo.csv'), 'utf8'));
  await db.query(
    `INSERT INTO schedules (name, kind, minutes_after_shift, time_zone, quiet_start, quiet_end)
     VALUES ('after-shift', 'after_shift', 30, $1, '21:00', '07:30') ON CONFLICT (name) DO NOTHING`,
    [defaults.timeZone],
  );
  logger.info({ event: 'demo.seeded' }, 'empty database: demo framework, roster and shifts imported');
  return true;
}
