// How many database round trips one turn costs. Every round trip is time a Teams or Slack reply waits for (and
// on the embedded database, time the HTTP side waits for), so the count is pinned: a change that adds a query
// to every turn fails here and has to say why.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { act, DEMO, identity, indicatorId, makeBot, nextKey, personId, say } from '../support/harness.js';

/** A Db that counts what reaches the database: each query, and BEGIN/COMMIT of each transaction. */
function counting(db: Db): { db: Db; log: string[]; reset(): void } {
  const log: string[] = [];
  const short = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 80);
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      log.push(short(sql));
      return q.query(sql, params);
    },
    exec: (sql) => {
      log.push(short(sql));
      return q.exec(sql);
    },
  });
  const counted: Db = {
    ...wrap(db),
    kind: db.kind,
    description: db.description,
    transaction: (fn) => {
      log.push('BEGIN');
      return db.transaction((tx) => fn(wrap(tx))).finally(() => log.push('COMMIT'));
    },
    close: () => db.close(),
  };
  return {
    db: counted,
    log,
    reset: () => {
      log.length = 0;
    },
  };
}

describe.each(databases)('database round trips per turn ($name)', ({ create }) => {
  let raw: Db;
  beforeEach(async () => {
    raw = await create(DEMO);
  });
  afterEach(async () => {
    await raw.close();
  });

  it('a text turn in a running reflection: context in one query, the commit in one transaction', async () => {
    const c = counting(raw);
    const bot = makeBot(c.db);
    await say(bot, 'amira', 'reflectie');
    c.reset();
    await say(bot, 'amira', 'werkplek');
    expect(c.log, c.log.join('\n')).toHaveLength(TEXT_TURN_ROUND_TRIPS);
  });

  it('a card action: context in one query, the commit in one transaction', async () => {
    const c = counting(raw);
    const bot = makeBot(c.db);
    await say(bot, 'amira', 'hulp');
    c.reset();
    await act(bot, 'amira', 'reflection.start', {});
    expect(c.log, c.log.join('\n')).toHaveLength(ACTION_TURN_ROUND_TRIPS);
  });

  it("a mentor's feedback submit (the Teams Action.Execute invoke that waits for its answer)", async () => {
    const c = counting(raw);
    const bot = makeBot(c.db);
    await say(bot, 'jan', 'hulp');
    const data = { studentId: String(await personId(raw, 'amira')) };
    const inputs = {
      indicator: String(await indicatorId(raw, 'SW1.2')),
      level: '2',
      nextStep: 'Oefen met eenvoudige taal.',
    };
    c.reset();
    const replies = await act(bot, 'jan', 'feedback.submit', data, inputs);
    expect(replies[0]!.card?.kind).toBe('feedback-thanks');
    expect(c.log, c.log.join('\n')).toHaveLength(FEEDBACK_SUBMIT_ROUND_TRIPS);
  });

  it('a repeated event costs one query and stores nothing', async () => {
    const c = counting(raw);
    const bot = makeBot(c.db);
    const key = nextKey();
    await say(bot, 'amira', 'hulp', key);
    c.reset();
    expect(await bot.handle({ kind: 'text', from: identity('amira'), text: 'hulp', key })).toEqual([]);
    expect(c.log, c.log.join('\n')).toHaveLength(1);
  });
});

/**
 * Context (event seen? sender, conversation) in 1 query, then BEGIN, the event key, the conversation update,
 * COMMIT. It was 7: the event check, the sender and the conversation were three queries.
 */
const TEXT_TURN_ROUND_TRIPS = 5;
/**
 * Context 1; the flow's reads: staff role, student with framework, indicators, scale, the reserved assessment
 * id (the thank-you card shows it); then BEGIN, event key, assessment, feedback, the student's notice, COMMIT.
 * It was 15 (context 3, student and framework 2). Since the feedback loop, one more: the student's settings
 * (paused nudges, language) for the invitation to react.
 */
const FEEDBACK_SUBMIT_ROUND_TRIPS = 13;
/**
 * Starting a reflection: as a text turn, plus what the flow reads — the student's latest shift (the nudge's
 * occasion), whether they reflected before (the one-time hint to use initials), and the plan from their last
 * feedback ("your plan from last time"). It was 8 before the single context read; 6 before those two features.
 */
const ACTION_TURN_ROUND_TRIPS = 8;
