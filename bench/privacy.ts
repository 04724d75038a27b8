// Privacy benchmark: exporting and erasing one person on a database with N people, each with reflections, outbox
// messages, audit entries and event keys, at N and at 4N, on PGlite and on PostgreSQL (DATABASE_URL). Both walk
// every table (bot/privacy), so their time grows with the size of the database, not only with the person's rows.
// The baseline, measured in the same run, is one count(*) over every table: the floor of reading everything once.
import { erasePersonData, exportPersonData } from '../bot/privacy/export.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { benchDatabases } from './support.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1000);

const time = async (fn: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

/** N students with 3 reflections, 10 messages, 2 audit entries and 10 event keys each; every message names someone. */
async function seed(db: Db, people: number): Promise<void> {
  await db.query(
    `INSERT INTO people (email, name, roles)
       SELECT 'student' || i || '@bench.example.be', 'Student ' || i || ' Bench', '{student}'
         FROM generate_series(1, $1) i`,
    [people],
  );
  await db.query(
    `INSERT INTO reflections (person_id, model, body)
       SELECT p.id, 'starr', 'Ik sprak met Student ' || (p.id % $1 + 1) || ' Bench over een cliënt. ' || repeat('Tekst. ', 40)
         FROM people p, generate_series(1, 3)`,
    [people],
  );
  await db.query(
    `INSERT INTO outbox (dedupe_key, person_id, payload, status)
       SELECT 'bench:' || p.id || ':' || k, p.id,
              jsonb_build_object('text', 'Feedback van Student ' || (p.id % $1 + 1) || ' Bench', 'card',
                                 jsonb_build_object('kind', 'bench', 'elements', '[]'::jsonb)),
              CASE WHEN k % 2 = 0 THEN 'sent' ELSE 'pending' END
         FROM people p, generate_series(1, 10) k`,
    [people],
  );
  await db.query(
    `INSERT INTO audit_log (actor_id, actor_label, action, subject_id, details)
       SELECT p.id, 'coach', 'progress.view', p.id % $1 + 1, '{"channel": "chat"}' FROM people p, generate_series(1, 2)`,
    [people],
  );
  await db.query(
    `INSERT INTO processed_events (key, person_id) SELECT 'web:' || p.id || ':' || k, p.id FROM people p, generate_series(1, 10) k`,
  );
}

async function baseline(db: Db): Promise<number> {
  const tables = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
  );
  return time(async () => {
    for (const t of tables.rows) await db.query(`SELECT count(*) FROM "${t.name}"`);
  });
}

export async function run(): Promise<void> {
  console.log(`privacy: export and erase one person (N = ${PEOPLE} people, and 4N)`);
  for (const target of benchDatabases(4)) {
    for (const people of [PEOPLE, 4 * PEOPLE]) {
      const { db, dispose } = await target.open();
      try {
        await migrate(db);
        await seed(db, people);
        const email = `student${Math.ceil(people / 2)}@bench.example.be`;
        const baseMs = await baseline(db);
        const exportMs = await time(() => exportPersonData(db, email, { label: 'cli' }));
        const eraseMs = await time(() => erasePersonData(db, email, { label: 'cli' }));
        console.log(
          `  ${target.name.padEnd(20)} N=${String(people).padStart(5)}  baseline ${baseMs.toFixed(0)} ms` +
            `  export ${exportMs.toFixed(0)} ms  erase ${eraseMs.toFixed(0)} ms`,
        );
      } finally {
        await dispose();
      }
    }
  }
}
