// Removes the per-worker PostgreSQL test databases when the run ends.
import pg from 'pg';

export async function teardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const r = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'leerkans\\_test\\_%'`,
  );
  for (const { datname } of r.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await client.end();
}
