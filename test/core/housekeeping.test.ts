import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHousekeeping } from '../../bot/core/housekeeping.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';

describe.each(databases)('housekeeping on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create();
  });
  afterEach(async () => {
    await db.close();
  });

  it('forgets idempotency keys older than 30 days, at most once an hour', async () => {
    await db.query(
      `INSERT INTO processed_events (key, received_at) VALUES ('old', now() - interval '31 days'), ('recent', now() - interval '29 days')`,
    );
    let clock = 0;
    const run = createHousekeeping(db, () => clock);
    await run();
    const keys = async () => (await db.query<{ key: string }>('SELECT key FROM processed_events ORDER BY key')).rows;
    expect(await keys()).toEqual([{ key: 'recent' }]);
    await db.query(`INSERT INTO processed_events (key, received_at) VALUES ('old2', now() - interval '40 days')`);
    clock += 30 * 60_000;
    await run(); // within the hour: nothing
    expect(await keys()).toEqual([{ key: 'old2' }, { key: 'recent' }]);
    clock += 31 * 60_000;
    await run();
    expect(await keys()).toEqual([{ key: 'recent' }]);
  });
});
