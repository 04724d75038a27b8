// The running server enforces retention by itself: at start-up the day's run is missed (never run on this
// database), so its work loop claims and runs it; on the embedded database and, with DATABASE_URL, on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningLeerkans, startLeerkans } from '../../app/main.js';
import { loadConfig } from '../../bot/config/env.js';
import { silentLogger } from '../../bot/log/logger.js';
import { migrate } from '../../db/migrate.js';
import { openClientDatabase } from '../../db/open.js';
import { createPostgresTestDatabase } from '../support/databases.js';

const targets: { name: string; setup(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> }[] = [
  {
    name: 'pglite',
    async setup() {
      const dataDir = mkdtempSync(join(tmpdir(), 'leerkans-retention-'));
      return {
        env: { LEERKANS_DATA_DIR: dataDir },
        async cleanup() {
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  ...(process.env.DATABASE_URL
    ? [
        {
          name: 'postgres',
          async setup() {
            const created = await createPostgresTestDatabase(process.env.DATABASE_URL!);
            const dataDir = mkdtempSync(join(tmpdir(), 'leerkans-retention-'));
            return {
              env: { DATABASE_URL: created.url, LEERKANS_DATA_DIR: dataDir },
              async cleanup() {
                await created.drop();
                rmSync(dataDir, { recursive: true, force: true });
              },
            };
          },
        },
      ]
    : []),
];

describe.each(targets)('the server runs retention on $name', ({ setup }) => {
  let running: RunningLeerkans | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await running?.stop();
    await cleanup?.();
  });

  it('claims the missed daily run at start-up and deletes what is past retention', async () => {
    const target = await setup();
    cleanup = target.cleanup;
    const config = loadConfig({ PORT: '0', LEERKANS_DEMO: 'off', LOG_LEVEL: 'silent', ...target.env });
    const db = await openClientDatabase(config);
    try {
      await migrate(db);
      await db.query(
        `INSERT INTO processed_events (key, received_at) VALUES ('slack:old', now() - interval '8 days'),
           ('slack:new', now() - interval '1 day')`,
      );
    } finally {
      await db.close();
    }
    running = await startLeerkans(config, silentLogger);
    const server = running;
    const finished = async () =>
      (
        await server.db.query<{ deleted: { processedEvents?: number } }>(
          `SELECT deleted FROM retention_runs WHERE trigger = 'schedule' AND finished_at IS NOT NULL`,
        )
      ).rows;
    await expect.poll(finished, { timeout: 30_000, interval: 100 }).toHaveLength(1);
    expect((await finished())[0]?.deleted.processedEvents).toBe(1);
    const keys = await server.db.query<{ key: string }>('SELECT key FROM processed_events ORDER BY key');
    expect(keys.rows).toEqual([{ key: 'slack:new' }]);
  }, 120_000);
});
