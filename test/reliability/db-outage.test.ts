// The fast part of "PostgreSQL restarted under load" (the slow part, pg-restart.slow.ts, restarts a real cluster):
// - on every test database, an event whose database calls fail as a lost connection does (refused, cut, the
//   server shutting down) runs again once the database answers, and is stored and answered normally; an error
//   that is not about the connection is not retried;
// - on PostgreSQL, a transaction whose server process is terminated between two queries fails cleanly (no
//   uncaught exception, which would end the process) and the pool goes on with a fresh connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../bot/i18n/index.js';
import type { Db, Queryable } from '../../db/db.js';
import { createPgDb } from '../../db/pg-driver.js';
import { isTransientDbError } from '../../db/transient.js';
import type { Bot } from '../../bot/core/bot.js';
import { makeBot, seed, textOf } from '../support/harness.js';
import { dmEvent, postEvent, quiet, startSlackHarness, USERS as SLACK_USERS } from '../slack/support.js';
import { createPostgresTestDatabase, databases } from '../support/databases.js';
import { recordFigures } from './support/figures.js';
import { watchProcess } from './support/watch.js';

watchProcess();

/** What node-postgres and PostgreSQL say while the server restarts. */
const outageErrors = (): Error[] => [
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
  new Error('Connection terminated unexpectedly'),
  Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
  Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
];

/** The database, but its next `failures` calls fail with `errors` in turn, as during a restart. */
function flaky(db: Db, errors: Error[]): Db & { calls: number } {
  let left = errors.length;
  const next = () => {
    flakyDb.calls++;
    if (left > 0) throw errors[errors.length - left--];
  };
  const flakyDb: Db & { calls: number } = {
    ...db,
    calls: 0,
    async query(sql, params) {
      next();
      return db.query(sql, params);
    },
    async exec(sql) {
      next();
      return db.exec(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      next();
      return db.transaction(fn);
    },
  };
  return flakyDb;
}

describe('which errors mean "the database is not reachable right now"', () => {
  it('knows the connection errors of node-postgres and PostgreSQL, and nothing else', () => {
    for (const error of outageErrors()) expect(isTransientDbError(error), error.message).toBe(true);
    const syntax = Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' });
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    for (const error of [syntax, unique, new Error('boom'), 'text', null])
      expect(isTransientDbError(error)).toBe(false);
  });
});

describe.each(databases)('an event during a database outage on $name', (database) => {
  let db: Db;
  beforeAll(async () => {
    db = await database.create();
    await seed(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('runs again once the database answers: stored once and answered normally', async () => {
    const errors = outageErrors();
    const outage = flaky(db, errors);
    const bot = makeBot(outage);
    const out = await bot.handle({
      kind: 'text',
      from: { platform: 'web', tenantId: 'local', userId: 'web-tom', email: 'tom.vermeulen@student.example.be' },
      text: 'hulp',
      key: 'outage-1',
    });
    expect(textOf(out)).not.toBe(t('nl', 'common.error'));
    expect(out.length).toBeGreaterThan(0);
    // Every failure was followed by another try, and the event is stored exactly once.
    expect(outage.calls).toBeGreaterThan(errors.length);
    const stored = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM processed_events WHERE key = 'outage-1'`,
    );
    expect(stored.rows[0]!.n).toBe(1);
    recordFigures('PostgreSQL: lost connections inside one event', database.name, {
      'connection failures in a row': errors.length,
      'event stored': stored.rows[0]!.n,
      'answered normally': 'yes',
    });
  });

  it('posts a Slack reply even when storing the DM channel fails right after the turn (the database went away)', async () => {
    const bot = makeBot(db);
    const failing: Bot = {
      ...bot,
      async saveReference() {
        throw new Error('Connection terminated unexpectedly');
      },
    };
    const slack = await startSlackHarness({ db, bot: failing });
    try {
      expect((await postEvent(slack.url, dmEvent('hulp', SLACK_USERS.tom.id))).status).toBe(200);
      await quiet(slack.adapter);
      const posted = slack.fake.callsTo('chat.postMessage');
      expect(posted).toHaveLength(1);
      expect(posted[0]!.args.text).not.toBe(t('nl', 'common.error'));
    } finally {
      await slack.stop();
    }
  });

  it('does not retry an error that is not about the connection: the person gets the apology at once', async () => {
    const broken = flaky(db, [Object.assign(new Error('relation "people" does not exist'), { code: '42P01' })]);
    const out = await makeBot(broken).handle({
      kind: 'text',
      from: { platform: 'web', tenantId: 'local', userId: 'web-tom', email: 'tom.vermeulen@student.example.be' },
      text: 'hulp',
      key: 'outage-2',
    });
    expect(textOf(out)).toBe(t('nl', 'common.error'));
    expect(broken.calls).toBe(1);
  });
});

const adminUrl = process.env.DATABASE_URL;
// PostgreSQL only: PGlite runs in this process and has no connection to lose.
if (adminUrl) {
  describe('a pooled PostgreSQL transaction whose server process is terminated', () => {
    let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
    let db: Db;
    let admin: Db;
    beforeAll(async () => {
      created = await createPostgresTestDatabase(adminUrl);
      db = createPgDb({ connectionString: created.url, max: 2 });
      admin = createPgDb({ connectionString: adminUrl, max: 1 });
    });
    afterAll(async () => {
      await db?.close();
      await admin?.close();
      await created?.drop();
    });

    it('fails cleanly between two queries, without an uncaught exception, and the pool goes on', async () => {
      const attempt = db.transaction(async (tx) => {
        const pid = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        // The client is idle inside the transaction when its server goes away (as while an LLM answers).
        await new Promise((r) => setTimeout(r, 200));
        await tx.query('SELECT 1');
      });
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isTransientDbError(error)).toBe(true);
      const after = await db.query<{ one: number }>('SELECT 1 AS one');
      expect(after.rows).toEqual([{ one: 1 }]);
    });
  });
}
