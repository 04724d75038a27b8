// Once per test run: the migrated templates every test database and every server or CLI process a test starts
// begins from (so no test pays initdb and the migrations again), and at the end the removal of this run's
// PostgreSQL test databases.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { buildEmbeddedTemplate } from '../../db/embedded-template.js';
import { migrate } from '../../db/migrate.js';
import { createPgDb } from '../../db/pg-driver.js';
import { PG_TEMPLATE_ENV, PGLITE_TEMPLATE_ENV } from './databases.js';

let templateDir: string | undefined;

// Workers and the processes tests start inherit the environment: the template locations, and this run's id, which
// the test databases' names carry so that teardown drops only those, never the databases of another run.
export async function setup(): Promise<void> {
  process.env.LEERKANS_TEST_RUN ??= randomBytes(4).toString('hex');
  // The template a new data directory starts from (db/embedded-template.ts), as `npm install` prepares it: built
  // again here when a migration was added since the install, so no server or CLI a test starts pays initdb.
  const gzipped = await buildEmbeddedTemplate();
  // In-process test databases load the same data directory, uncompressed (faster).
  templateDir = mkdtempSync(join(tmpdir(), 'leerkans-test-template-'));
  const raw = join(templateDir, 'pgdata.tar');
  writeFileSync(raw, gunzipSync(readFileSync(gzipped)));
  process.env[PGLITE_TEMPLATE_ENV] = raw;

  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `leerkans_test_${process.env.LEERKANS_TEST_RUN}_template`;
    const admin = createPgDb({ connectionString: url, max: 1 });
    await admin.exec(`CREATE DATABASE ${name}`);
    await admin.close();
    const target = new URL(url);
    target.pathname = `/${name}`;
    // Closed before any copy: PostgreSQL copies a template only while nobody is connected to it.
    const db = createPgDb({ connectionString: target.toString(), max: 1 });
    await migrate(db);
    await db.close();
    process.env[PG_TEMPLATE_ENV] = name;
  }
}

export async function teardown(): Promise<void> {
  if (templateDir) rmSync(templateDir, { recursive: true, force: true });
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const r = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
    `leerkans\\_test\\_${process.env.LEERKANS_TEST_RUN}\\_%`,
  ]);
  await client.end();
  // Each DROP DATABASE waits for a checkpoint; dropped side by side, they share one instead of queueing.
  const names = r.rows.map((row) => row.datname);
  const drop = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      for (let name = names.pop(); name; name = names.pop())
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, names.length) }, drop));
}
