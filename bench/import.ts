// Import benchmark: a generated roster of 5,000 people and a 40-indicator framework, on PGlite and on
// PostgreSQL (DATABASE_URL), side by side. The baseline, measured in the same run on the same database, is
// one bare set-based INSERT of the same 5,000 people: the floor that validation and assignments add to.
import { importFramework } from '../bot/imports/framework.js';
import { parseRoster, importRoster } from '../bot/imports/roster.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { generateFramework, generateRoster } from './generate.js';
import { benchDatabases } from './support.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);
const INDICATORS = 40;
const defaults = { timeZone: 'Europe/Brussels', locale: 'nl-BE' };

export interface ImportFigures {
  database: string;
  baselineMs: number;
  frameworkMs: number;
  rosterMs: number;
  reimportMs: number;
}

const time = async (fn: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

async function measure(
  name: string,
  open: () => Promise<{ db: Db; dispose(): Promise<void> }>,
): Promise<ImportFigures> {
  const framework = generateFramework(INDICATORS);
  const roster = generateRoster(PEOPLE);
  const rows = parseRoster('bench.csv', roster, defaults);
  const payload = JSON.stringify(rows.map((r) => ({ email: r.email, name: r.name, roles: r.roles })));

  // Baseline: the bare insert, on a fresh database.
  const base = await open();
  await migrate(base.db);
  const baselineMs = await time(() =>
    base.db.query(
      `INSERT INTO people (email, name, roles)
         SELECT email, name, roles FROM jsonb_to_recordset($1::jsonb) AS x(email text, name text, roles text[])`,
      [payload],
    ),
  );
  await base.dispose();

  const { db, dispose } = await open();
  await migrate(db);
  const frameworkMs = await time(() => importFramework(db, 'bench.yaml', framework));
  const rosterMs = await time(() => importRoster(db, 'bench.csv', roster, defaults));
  const reimportMs = await time(() => importRoster(db, 'bench.csv', roster, defaults));
  const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
  if (count.rows[0]!.n !== PEOPLE) throw new Error(`expected ${PEOPLE} people, found ${count.rows[0]!.n}`);
  await dispose();
  return { database: name, baselineMs, frameworkMs, rosterMs, reimportMs };
}

export async function run(): Promise<ImportFigures[]> {
  const results: ImportFigures[] = [];
  for (const target of benchDatabases(2)) results.push(await measure(target.name, () => target.open()));
  const f = (ms: number) => `${ms.toFixed(0).padStart(7)} ms`;
  console.log(`\nImport benchmark: ${PEOPLE} people, ${INDICATORS} indicators`);
  console.log(
    `${'database'.padEnd(20)} ${'baseline'.padStart(10)} ${'framework'.padStart(10)} ${'roster'.padStart(10)} ${'re-import'.padStart(10)}  roster/baseline`,
  );
  for (const r of results) {
    console.log(
      `${r.database.padEnd(20)} ${f(r.baselineMs)} ${f(r.frameworkMs)} ${f(r.rosterMs)} ${f(r.reimportMs)}  ${(r.rosterMs / r.baselineMs).toFixed(1)}×`,
    );
  }
  if (results.length === 2) {
    const [a, b] = results as [ImportFigures, ImportFigures];
    console.log(`PGlite / PostgreSQL roster import time: ${(a.rosterMs / b.rosterMs).toFixed(2)}×`);
  } else {
    console.log('PostgreSQL: not measured (set DATABASE_URL to include it)');
  }
  return results;
}
