// Removes the per-worker PostgreSQL test databases when the run ends.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

// Workers inherit the environment: their test databases carry this run's id, and teardown drops only those, never
// the databases of another run on the same server.
export function setup(): void {
  process.env.LEERKANS_TEST_RUN ??= randomBytes(4).toString('hex');
}

export async function teardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const r = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
    `leerkans\\_test\\_${process.env.LEERKANS_TEST_RUN}\\_%`,
  ]);
  for (const { datname } of r.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await client.end();
}
